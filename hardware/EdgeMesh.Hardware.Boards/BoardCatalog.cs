using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace EdgeMesh.Hardware.Boards
{
    /// <summary>Finds and loads board files.</summary>
    public static class BoardCatalog
    {
        /// <summary>Largest board file read (they are a few hundred bytes; anything bigger is not one).</summary>
        public const int MaxFileBytes = 64 * 1024;

        /// <summary>
        /// The boards directory: $EDGEMESH_BOARDS, else a "boards" folder beside the executable, else the
        /// first "boards" folder found walking up from the current directory (a checkout).
        /// </summary>
        public static string? FindDirectory()
        {
            string? configured = Environment.GetEnvironmentVariable("EDGEMESH_BOARDS");
            if (!string.IsNullOrEmpty(configured) && Directory.Exists(configured))
            {
                return configured;
            }

            string beside = Path.Combine(AppContext.BaseDirectory, "boards");
            if (Directory.Exists(beside))
            {
                return beside;
            }

            for (DirectoryInfo? dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "boards");
                if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "*.json").Length > 0)
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>Names of the boards in <paramref name="directory"/>, sorted.</summary>
        public static List<string> Names(string directory)
        {
            var names = new List<string>();
            foreach (string file in Directory.GetFiles(directory, "*.json"))
            {
                names.Add(Path.GetFileNameWithoutExtension(file));
            }

            names.Sort(StringComparer.Ordinal);
            return names;
        }

        /// <summary>Loads and validates one board; <paramref name="errors"/> lists what is wrong (null board when unreadable).</summary>
        public static BoardDefinition? Load(string directory, string name, out List<string> errors)
        {
            errors = new List<string>();
            if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
            {
                errors.Add("board name '" + name + "' is not a plain name");
                return null;
            }

            string path = Path.Combine(directory, name + ".json");
            if (!File.Exists(path))
            {
                errors.Add("no board '" + name + "' in " + directory + " (known: " + string.Join(", ", Names(directory)) + ")");
                return null;
            }

            return Parse(File.ReadAllBytes(path), name, errors);
        }

        /// <summary>Parses and validates board JSON; errors are appended to <paramref name="errors"/>.</summary>
        public static BoardDefinition? Parse(byte[] json, string? fileName, List<string> errors)
        {
            if (json.Length > MaxFileBytes)
            {
                errors.Add("board file is larger than " + MaxFileBytes + " bytes");
                return null;
            }

            BoardDefinition? board;
            try
            {
                board = JsonSerializer.Deserialize(json, BoardJsonContext.Default.BoardDefinition);
            }
            catch (JsonException e)
            {
                errors.Add("not a valid board file: " + e.Message);
                return null;
            }

            if (board == null)
            {
                errors.Add("board file is empty");
                return null;
            }

            errors.AddRange(BoardValidator.Validate(board, fileName));
            return board;
        }
    }
}
