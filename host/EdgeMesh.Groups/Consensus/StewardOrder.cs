using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace EdgeMesh.Groups.Consensus
{
    /// <summary>
    /// The steward list every member derives alike: members ordered by
    /// SHA-256(election epoch ‖ retry round ‖ member identity ‖ group id), ties by identity. The
    /// epoch steward of epoch <c>e</c> is slot <c>e − electionEpoch</c> (mod list length); the next
    /// slot is the backup that takes over when the steward stays silent.
    /// </summary>
    public static class StewardOrder
    {
        public static List<byte[]> Order(IEnumerable<byte[]> identities, ulong electionEpoch, uint retryRound, ReadOnlySpan<byte> groupId)
        {
            List<(byte[] Key, byte[] Identity)> ranked = new List<(byte[], byte[])>();
            foreach (byte[] id in identities)
            {
                byte[] input = new byte[12 + id.Length + groupId.Length];
                BinaryPrimitives.WriteUInt64BigEndian(input, electionEpoch);
                BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(8), retryRound);
                id.CopyTo(input, 12);
                groupId.CopyTo(input.AsSpan(12 + id.Length));
                ranked.Add((SHA256.HashData(input), id));
            }

            ranked.Sort((x, y) =>
            {
                int c = x.Key.AsSpan().SequenceCompareTo(y.Key);
                return c != 0 ? c : x.Identity.AsSpan().SequenceCompareTo(y.Identity);
            });
            return ranked.ConvertAll(r => r.Identity);
        }

        /// <summary>
        /// Which steward may commit now: rank 0 (the epoch steward) until <paramref name="inactivityMs"/>
        /// passes without a commit, then rank 1 (the backup), and so on, capped at the list length − 1.
        /// </summary>
        public static int ActiveRank(long epochStartMs, long nowMs, long inactivityMs, int stewards)
        {
            if (stewards <= 1 || inactivityMs <= 0 || nowMs <= epochStartMs)
            {
                return 0;
            }

            long rank = (nowMs - epochStartMs) / inactivityMs;
            return (int)Math.Min(rank, stewards - 1);
        }

        /// <summary>The steward for <paramref name="epoch"/>, or the backup (<paramref name="backupRank"/> 1, 2, …) after silence.</summary>
        public static byte[] Steward(List<byte[]> order, ulong electionEpoch, ulong epoch, int backupRank = 0)
        {
            if (order.Count == 0)
            {
                return Array.Empty<byte>();
            }

            ulong slot = (epoch - electionEpoch + (ulong)backupRank) % (ulong)order.Count;
            return order[(int)slot];
        }
    }
}
