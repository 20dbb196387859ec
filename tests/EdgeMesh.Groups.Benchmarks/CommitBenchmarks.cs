using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Protocol;

namespace EdgeMesh.Groups.Benchmarks
{
    /// <summary>
    /// Commit with a path update (an empty commit, as in mls-rs group_commit) and processing it
    /// (group_receive_commit), at 16, 64 and 128 members. Each processed commit is a fresh one
    /// from the current epoch, created in the iteration setup.
    /// </summary>
    [MemoryDiagnoser]
    [SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 20, invocationCount: 1)]
    public class CommitBenchmarks
    {
        private GroupState _creator = null!;
        private GroupState _receiver = null!;
        private PendingCommit? _pending;

        [Params(16, 64, 128)]
        public int Members { get; set; }

        [GlobalSetup]
        public void Setup() => (_creator, _receiver) = GroupFixture.Build(Members);

        [IterationSetup(Target = nameof(ProcessCommit))]
        public void PrepareCommit() => _creator.CreateCommit(new List<Proposal>(), true, out _pending);

        [IterationCleanup(Target = nameof(ProcessCommit))]
        public void ApplyCommit() => _creator.MergePending();

        [Benchmark]
        public object? CreateCommit()
        {
            _creator.CreateCommit(new List<Proposal>(), true, out PendingCommit? pending);
            _creator.DiscardPending();
            return pending;
        }

        [Benchmark]
        public MlsError ProcessCommit() => _receiver.Process(_pending!.Message, out _);
    }
}
