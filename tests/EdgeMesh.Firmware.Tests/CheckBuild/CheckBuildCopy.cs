using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace EdgeMesh.Firmware.Tests.CheckBuild
{
    /// <summary>
    /// A throw-away copy of the portable sources and the compile-check project in a temporary
    /// directory, so a test can add a file to it and run the check without touching the checkout.
    /// Copies only what the check compiles: the build settings at the root and the shared, hardware
    /// and firmware source folders (no bin/ or obj/).
    /// </summary>
    internal sealed class CheckBuildCopy : IDisposable
    {
        internal const string CheckProject = "firmware/EdgeMesh.Firmware.Check/EdgeMesh.Firmware.Check.csproj";

        private static readonly string[] RootFiles = { "Directory.Build.props", "Directory.Packages.props", ".editorconfig" };
        private static readonly string[] SourceFolders = { "shared/EdgeMesh.Protocol", "hardware", "firmware" };

        // Set by the outer `dotnet test` for its own MSBuild; a child build must pick its own.
        private static readonly string[] InheritedBuildVariables =
        {
            "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly",
            "MSBUILDNOINPROCNODE", "VSTEST_HOST_DEBUG", "DOTNET_HOST_PATH",
        };

        private CheckBuildCopy(string root)
        {
            Root = root;
        }

        /// <summary>The copy's root directory.</summary>
        internal string Root { get; }

        /// <summary>Copies the repository's portable sources into a new temporary directory.</summary>
        internal static CheckBuildCopy Create()
        {
            string source = RepositoryRoot.Find();
            string root = Path.Combine(Path.GetTempPath(), "edgemesh-check-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(root);
            foreach (string file in RootFiles)
            {
                File.Copy(Path.Combine(source, file), Path.Combine(root, file));
            }

            foreach (string folder in SourceFolders)
            {
                string from = Path.Combine(source, folder);
                if (Directory.Exists(from))
                {
                    CopyTree(from, Path.Combine(root, folder));
                }
            }

            return new CheckBuildCopy(root);
        }

        /// <summary>Writes <paramref name="text"/> to <paramref name="relativePath"/> inside the copy.</summary>
        internal void AddFile(string relativePath, string text)
        {
            string path = Path.Combine(Root, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        /// <summary>Runs the compile check on the copy, exactly as CI runs it on the checkout.</summary>
        internal CheckBuildRun Build()
        {
            string outputDir = Path.Combine(Root, "out");
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Root,
            };
            foreach (string argument in new[]
            {
                "build", Path.Combine(Root, CheckProject), "-c", "Release", "-nologo", "-nodeReuse:false",
                "-p:UseSharedCompilation=false", "-o", outputDir,
            })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (string name in InheritedBuildVariables)
            {
                start.Environment.Remove(name);
            }

            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(180_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the compile check did not finish in 180 s:\n" + output);
            }

            process.WaitForExit();
            lock (output)
            {
                return new CheckBuildRun(process.ExitCode, output.ToString(), Path.Combine(outputDir, "EdgeMesh.Firmware.Check.dll"));
            }
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary directory is harmless; never fail a test over it.
            }
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line != null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        private static void CopyTree(string from, string to)
        {
            var pending = new Stack<(string From, string To)>();
            pending.Push((from, to));
            while (pending.Count > 0)
            {
                (string src, string dst) = pending.Pop();
                Directory.CreateDirectory(dst);
                foreach (string file in Directory.GetFiles(src))
                {
                    File.Copy(file, Path.Combine(dst, Path.GetFileName(file)));
                }

                foreach (string dir in Directory.GetDirectories(src))
                {
                    string name = Path.GetFileName(dir);
                    if (name != "bin" && name != "obj")
                    {
                        pending.Push((dir, Path.Combine(dst, name)));
                    }
                }
            }
        }
    }
}
