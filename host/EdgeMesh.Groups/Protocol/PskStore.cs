using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace EdgeMesh.Groups.Protocol
{
    /// <summary>
    /// External pre-shared keys known to this client, by PSK id. Bounded (<see cref="MaxEntries"/>);
    /// values are zeroed when removed or on dispose.
    /// </summary>
    internal sealed class PskStore : IDisposable
    {
        public const int MaxEntries = 256;

        private readonly Dictionary<string, byte[]> _psks = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        public int Count => _psks.Count;

        public bool Add(ReadOnlySpan<byte> id, ReadOnlySpan<byte> psk)
        {
            string key = Convert.ToHexString(id);
            if (_psks.Count >= MaxEntries && !_psks.ContainsKey(key))
            {
                return false;
            }

            if (_psks.Remove(key, out byte[]? old))
            {
                CryptographicOperations.ZeroMemory(old);
            }

            _psks[key] = psk.ToArray();
            return true;
        }

        public bool TryGet(ReadOnlySpan<byte> id, out byte[] psk) => _psks.TryGetValue(Convert.ToHexString(id), out psk!);

        public void Dispose()
        {
            foreach (byte[] v in _psks.Values)
            {
                CryptographicOperations.ZeroMemory(v);
            }

            _psks.Clear();
        }
    }
}
