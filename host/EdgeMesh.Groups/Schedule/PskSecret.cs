using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;
using EdgeMesh.Groups.Messages;

namespace EdgeMesh.Groups.Schedule
{
    /// <summary>psk_secret: the chain of PSKs a commit or Welcome injects (RFC 9420 §8.4).</summary>
    internal static class PskSecret
    {
        public static byte[] Compute(IReadOnlyList<PreSharedKeyId> ids, IReadOnlyList<byte[]> psks)
        {
            byte[] secret = new byte[Suite.Nh];
            byte[] zero = new byte[Suite.Nh];
            for (int i = 0; i < ids.Count; i++)
            {
                byte[] extracted = Suite.Extract(zero, psks[i]);
                TlsWriter label = new TlsWriter(128);
                ids[i].Write(label);
                label.U16((ushort)i);
                label.U16((ushort)ids.Count);
                byte[] input = Suite.ExpandWithLabel(extracted, "derived psk", label.Written, Suite.Nh);
                byte[] next = Suite.Extract(input, secret);
                CryptographicOperations.ZeroMemory(extracted);
                CryptographicOperations.ZeroMemory(input);
                CryptographicOperations.ZeroMemory(secret);
                secret = next;
            }

            return secret;
        }
    }
}
