namespace EdgeMesh.State.Tests.Fuzzing
{
    /// <summary>
    /// Seeded generator of hostile inputs for decoder fuzz tests: fully random buffers, and valid
    /// samples with flipped bits, overwritten bytes, truncation, extension and splices.
    /// </summary>
    internal sealed class InputMutator
    {
        private readonly Random _random;
        private readonly byte[][] _samples;

        public InputMutator(int seed, params byte[][] validSamples)
        {
            _random = new Random(seed);
            _samples = validSamples;
        }

        /// <summary>Writes the next input into <paramref name="scratch"/> and returns its length.</summary>
        public int Next(byte[] scratch)
        {
            if (_samples.Length == 0 || _random.Next(4) == 0)
            {
                int length = _random.Next(Math.Min(scratch.Length, 300) + 1);
                _random.NextBytes(scratch.AsSpan(0, length));
                return length;
            }

            byte[] sample = _samples[_random.Next(_samples.Length)];
            int count = Math.Min(sample.Length, scratch.Length);
            Array.Copy(sample, scratch, count);
            int mutations = 1 + _random.Next(4);
            for (int m = 0; m < mutations; m++)
            {
                switch (_random.Next(6))
                {
                    case 0 when count > 0:
                        scratch[_random.Next(count)] ^= (byte)(1 << _random.Next(8));
                        break;
                    case 1 when count > 0:
                        scratch[_random.Next(count)] = (byte)_random.Next(256);
                        break;
                    case 2:
                        count = _random.Next(count + 1);
                        break;
                    case 3:
                        int extra = Math.Min(_random.Next(64), scratch.Length - count);
                        _random.NextBytes(scratch.AsSpan(count, extra));
                        count += extra;
                        break;
                    case 4 when count > 1:
                        // Interesting integers where length and count fields tend to live.
                        int at = _random.Next(count - 1);
                        ushort value = (ushort)(_random.Next(3) switch { 0 => 0, 1 => 0xFFFF, _ => _random.Next(0x200) });
                        scratch[at] = (byte)(value >> 8);
                        scratch[at + 1] = (byte)value;
                        break;
                    default:
                        byte[] other = _samples[_random.Next(_samples.Length)];
                        int cut = _random.Next(count + 1);
                        int take = Math.Min(other.Length - Math.Min(cut, other.Length), scratch.Length - cut);
                        if (take > 0)
                        {
                            Array.Copy(other, Math.Min(cut, other.Length), scratch, cut, take);
                            count = cut + take;
                        }

                        break;
                }
            }

            return count;
        }
    }
}
