using System;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;
using EdgeMesh.Groups.Messages;

namespace EdgeMesh.Groups.Schedule
{
    /// <summary>Confirmed and interim transcript hashes (RFC 9420 §8.2).</summary>
    internal static class TranscriptHash
    {
        public static byte[] Confirmed(ReadOnlySpan<byte> interimBefore, AuthenticatedContent commit)
        {
            byte[] input = commit.ConfirmedTranscriptInput();
            byte[] joined = new byte[interimBefore.Length + input.Length];
            interimBefore.CopyTo(joined);
            input.CopyTo(joined.AsSpan(interimBefore.Length));
            return Suite.Hash(joined);
        }

        public static byte[] Interim(ReadOnlySpan<byte> confirmed, ReadOnlySpan<byte> confirmationTag)
        {
            TlsWriter w = new TlsWriter(confirmed.Length + confirmationTag.Length + 4);
            w.Fixed(confirmed);
            w.VarBytes(confirmationTag);
            return Suite.Hash(w.Written);
        }
    }
}
