using System;
using System.Collections.Generic;

namespace EdgeMesh.Groups.Consensus
{
    /// <summary>
    /// The tally of one membership proposal among the <c>n</c> members of an epoch. A decision
    /// needs at least ⌈2n/3⌉ votes (all of them when n ≤ 2) and then goes to the majority; a tie
    /// goes to <see cref="VoteRules.SilenceIsYes"/>. At the timeout, silent members count as yes
    /// when that rule is on. Sans-IO: time comes in as <c>nowMs</c>. Each member votes once; a
    /// second, different vote from the same member is refused and counted as equivocation.
    /// </summary>
    public sealed class ProposalVote
    {
        private readonly HashSet<uint> _electorate;
        private readonly Dictionary<uint, bool> _votes = new Dictionary<uint, bool>();
        private readonly VoteRules _rules;

        public ProposalVote(IEnumerable<uint> electorate, long openedAtMs, VoteRules rules)
        {
            _electorate = new HashSet<uint>(electorate);
            OpenedAtMs = openedAtMs;
            _rules = rules;
        }

        public long OpenedAtMs { get; }

        public int Electorate => _electorate.Count;

        /// <summary>Votes refused because the member had already voted the other way.</summary>
        public int Equivocations { get; private set; }

        /// <summary>Votes refused because the voter is not a member of the epoch.</summary>
        public int Outsiders { get; private set; }

        /// <summary>Records a (signature-checked) vote; false when it is refused.</summary>
        public bool Cast(uint member, bool yes)
        {
            if (!_electorate.Contains(member))
            {
                Outsiders++;
                return false;
            }

            if (_votes.TryGetValue(member, out bool earlier))
            {
                if (earlier != yes)
                {
                    Equivocations++;
                }

                return false;
            }

            _votes[member] = yes;
            return true;
        }

        /// <summary>Votes needed before a decision can be taken: ⌈2n/3⌉, or everyone when n ≤ 2.</summary>
        public static int Quorum(int n) => n <= 2 ? n : (2 * n + 2) / 3;

        public VoteOutcome Evaluate(long nowMs)
        {
            int n = _electorate.Count;
            int yes = 0;
            foreach (bool v in _votes.Values)
            {
                yes += v ? 1 : 0;
            }

            int no = _votes.Count - yes;
            bool timedOut = nowMs - OpenedAtMs >= _rules.TimeoutMs;
            if (timedOut && _rules.SilenceIsYes)
            {
                yes += n - _votes.Count;
            }

            int cast = yes + no;
            if (cast < Quorum(n))
            {
                return timedOut ? VoteOutcome.Rejected : VoteOutcome.Pending;
            }

            // Before the timeout, decide only once the remaining silent votes cannot change the majority.
            int silent = n - cast;
            if (yes > no + silent)
            {
                return VoteOutcome.Accepted;
            }

            if (no > yes + silent || (no >= yes + silent && !_rules.SilenceIsYes))
            {
                return VoteOutcome.Rejected;
            }

            if (!timedOut && silent > 0)
            {
                return VoteOutcome.Pending;
            }

            if (yes == no)
            {
                return _rules.SilenceIsYes ? VoteOutcome.Accepted : VoteOutcome.Rejected;
            }

            return yes > no ? VoteOutcome.Accepted : VoteOutcome.Rejected;
        }
    }
}
