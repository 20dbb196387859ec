using BenchmarkDotNet.Attributes;
using EdgeMesh.Groups.Protocol;

namespace EdgeMesh.Groups.Benchmarks
{
    /// <summary>Application message encrypt (sender) plus decrypt (receiver) in a 128-member group, as in mls-rs group_application.</summary>
    [MemoryDiagnoser]
    [SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
    public class ApplicationMessageBenchmarks
    {
        private GroupState _sender = null!;
        private GroupState _receiver = null!;
        private byte[] _payload = null!;

        [Params(100, 1024)]
        public int Bytes { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            (_sender, _receiver) = GroupFixture.Build(128);
            _payload = new byte[Bytes];
        }

        [Benchmark]
        public int EncryptDecrypt()
        {
            byte[] message = _sender.EncryptApplication(_payload, default);
            _receiver.Process(message, out Received? received);
            return received!.ApplicationData.Length;
        }
    }
}
