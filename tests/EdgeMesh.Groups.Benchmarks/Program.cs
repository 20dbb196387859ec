using System;
using System.Collections.Generic;
using System.Diagnostics;
using BenchmarkDotNet.Running;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Protocol;

namespace EdgeMesh.Groups.Benchmarks
{
    /// <summary>
    /// Runs the benchmark classes chosen on the command line (BenchmarkDotNet switcher), or with
    /// <c>--quick</c> a short Stopwatch pass over the same operations (a smoke check, not the figures).
    /// </summary>
    internal static class Program
    {
        private static void Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--hpke")
            {
                Hpke();
                return;
            }

            if (args.Length > 0 && args[0] == "--quick")
            {
                Quick();
                return;
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }

        private static void Time(string name, int n, Action a)
        {
            for (int i = 0; i < n / 10; i++)
            {
                a();
            }

            long s = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++)
            {
                a();
            }

            Console.WriteLine($"{name}: {Stopwatch.GetElapsedTime(s).TotalMicroseconds / n:F1} us");
        }

        private static void Hpke()
        {
            byte[] sk = Crypto.Hpke.DeriveKeyPair(new byte[32], out byte[] pk);
            byte[] context = new byte[120];
            byte[] secret = new byte[32];
            Time("EncryptWithLabel", 2000, () => Crypto.Suite.EncryptWithLabel(pk, "UpdatePathNode", context, secret));
            Time("Encap", 2000, () => Crypto.Hpke.Encap(pk, null, out _, out _));
            Time("DeriveKeyPair", 2000, () => Crypto.Hpke.DeriveKeyPair(secret, out _));
            Time("PublicKeyOf", 2000, () => Crypto.Hpke.PublicKeyOf(sk));
            Time("KeySchedule", 2000, () => Crypto.Hpke.KeySchedule(secret, context).Dispose());
            Time("ExpandWithLabel", 20000, () => Crypto.Suite.ExpandWithLabel(secret, "key", context, 16));
            Time("Sign", 2000, () => Crypto.Suite.SignWithLabel(sk, "x", context));
            byte[] sig = Crypto.Suite.SignWithLabel(sk, "x", context);
            byte[] spk = Crypto.Suite.SignaturePublicKey(sk);
            Time("Verify", 2000, () => Crypto.Suite.VerifyWithLabel(spk, "x", context, sig));
        }

        private static void Quick()
        {
            foreach (int size in new[] { 16, 64, 128 })
            {
                (GroupState a, GroupState b) = GroupFixture.Build(size);
                const int rounds = 20;
                double create = 0, process = 0;
                for (int i = 0; i < rounds + 3; i++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    a.CreateCommit(new List<Proposal>(), true, out PendingCommit? pending);
                    long t1 = Stopwatch.GetTimestamp();
                    MlsError e = b.Process(pending!.Message, out _);
                    long t2 = Stopwatch.GetTimestamp();
                    a.MergePending();
                    if (e != MlsError.None)
                    {
                        throw new InvalidOperationException(e.ToString());
                    }

                    if (i >= 3)
                    {
                        create += Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
                        process += Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
                    }
                }

                Console.WriteLine($"{size} members: commit {create / rounds:F3} ms, process {process / rounds:F3} ms");
                foreach (int bytes in new[] { 100, 1024 })
                {
                    byte[] payload = new byte[bytes];
                    for (int i = 0; i < 200; i++)
                    {
                        b.Process(a.EncryptApplication(payload, default), out _);
                    }

                    long s = Stopwatch.GetTimestamp();
                    for (int i = 0; i < 1000; i++)
                    {
                        b.Process(a.EncryptApplication(payload, default), out _);
                    }

                    Console.WriteLine($"  app {bytes} B encrypt+decrypt {Stopwatch.GetElapsedTime(s).TotalMilliseconds / 1000:F4} ms");
                }
            }
        }
    }
}
