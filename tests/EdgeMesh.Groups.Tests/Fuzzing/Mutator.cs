namespace EdgeMesh.Groups.Tests.Fuzzing
{
    /// <summary>
    /// Seeded hostile-input generator: random buffers, and valid samples with flipped bits,
    /// overwritten bytes, cuts, extensions, splices and length-like integers written in.
    /// </summary>
    internal sealed class Mutator
    {
        private readonly Random _random;
        private readonly List<byte[]> _samples;

        public Mutator(int seed, List<byte[]> samples)
        {
            _random = new Random(seed);
            _samples = samples;
        }

        public byte[] Next()
        {
            if (_random.Next(8) == 0)
            {
                byte[] noise = new byte[_random.Next(300)];
                _random.NextBytes(noise);
                return noise;
            }

            byte[] sample = _samples[_random.Next(_samples.Count)];
            List<byte> data = new List<byte>(sample);
            int mutations = 1 + _random.Next(3);
            for (int m = 0; m < mutations && data.Count > 0; m++)
            {
                switch (_random.Next(6))
                {
                    case 0:
                        data[_random.Next(data.Count)] ^= (byte)(1 << _random.Next(8));
                        break;
                    case 1:
                        data[_random.Next(data.Count)] = (byte)_random.Next(256);
                        break;
                    case 2:
                        data.RemoveRange(_random.Next(data.Count), data.Count - _random.Next(data.Count) > 0 ? 1 : 0);
                        data = data.GetRange(0, _random.Next(data.Count + 1));
                        break;
                    case 3:
                        byte[] extra = new byte[_random.Next(40)];
                        _random.NextBytes(extra);
                        data.InsertRange(_random.Next(data.Count + 1), extra);
                        break;
                    case 4:
                        {
                            int at = _random.Next(data.Count);
                            byte[] lengthy = _random.Next(3) switch { 0 => new byte[] { 0xBF, 0xFF, 0xFF, 0xFF }, 1 => new byte[] { 0x7F, 0xFF }, _ => new byte[] { 0xFF, 0xFF, 0xFF, 0xFF } };
                            for (int i = 0; i < lengthy.Length && at + i < data.Count; i++)
                            {
                                data[at + i] = lengthy[i];
                            }

                            break;
                        }

                    default:
                        {
                            byte[] other = _samples[_random.Next(_samples.Count)];
                            int cut = _random.Next(data.Count + 1);
                            int from = _random.Next(other.Length + 1);
                            data = data.GetRange(0, cut);
                            data.AddRange(new ArraySegment<byte>(other, from, other.Length - from));
                            break;
                        }
                }
            }

            return data.ToArray();
        }
    }
}
