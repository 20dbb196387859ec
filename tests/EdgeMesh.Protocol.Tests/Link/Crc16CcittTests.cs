using System.Text;
using EdgeMesh.Protocol.Link;

namespace EdgeMesh.Protocol.Tests.Link
{
    public sealed class Crc16CcittTests
    {
        [Fact]
        public void Check_value_of_123456789_is_29B1()
        {
            byte[] data = Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0x29B1, Crc16Ccitt.Compute(data, 0, data.Length));
            Assert.Equal(Crc16Ccitt.CheckValue, Crc16Ccitt.Compute(data, 0, data.Length));
        }

        [Theory]
        [InlineData("", 0xFFFF)]
        [InlineData("A", 0xB915)]
        [InlineData("123456789", 0x29B1)]
        public void Matches_published_CCITT_FALSE_vectors(string text, int expected)
        {
            byte[] data = Encoding.ASCII.GetBytes(text);
            Assert.Equal(expected, Crc16Ccitt.Compute(data, 0, data.Length));
        }

        [Fact]
        public void Matches_published_vector_for_256_letters_A()
        {
            byte[] data = new byte[256];
            Array.Fill(data, (byte)'A');
            Assert.Equal(0xEA0B, Crc16Ccitt.Compute(data, 0, data.Length));
        }

        [Fact]
        public void Covers_only_the_given_range()
        {
            byte[] data = Encoding.ASCII.GetBytes("xx123456789yy");
            Assert.Equal(0x29B1, Crc16Ccitt.Compute(data, 2, 9));
        }

        [Fact]
        public void Incremental_updates_equal_one_pass_at_every_split()
        {
            var random = new Random(7);
            byte[] data = new byte[300];
            random.NextBytes(data);
            ushort whole = Crc16Ccitt.Compute(data, 0, data.Length);
            for (int split = 0; split <= data.Length; split++)
            {
                ushort first = Crc16Ccitt.Compute(data, 0, split);
                Assert.Equal(whole, Crc16Ccitt.Update(first, data, split, data.Length - split));
            }

            ushort byteByByte = Crc16Ccitt.InitialValue;
            foreach (byte b in data)
            {
                byteByByte = Crc16Ccitt.Update(byteByByte, b);
            }

            Assert.Equal(whole, byteByByte);
        }

        [Fact]
        public void Table_matches_a_bitwise_reference_on_random_data()
        {
            var random = new Random(11);
            for (int n = 0; n < 200; n++)
            {
                byte[] data = new byte[random.Next(0, 64)];
                random.NextBytes(data);
                Assert.Equal(Bitwise(data), Crc16Ccitt.Compute(data, 0, data.Length));
            }
        }

        [Fact]
        public void Appending_the_crc_big_endian_leaves_a_zero_residue()
        {
            // The property a receiver could use instead of comparing: it holds for
            // unreflected CRCs without final XOR, and shows the byte order is the intended one.
            byte[] data = Encoding.ASCII.GetBytes("123456789\0\0");
            data[9] = 0x29;
            data[10] = 0xB1;
            Assert.Equal(0, Crc16Ccitt.Compute(data, 0, data.Length));
        }

        private static int Bitwise(byte[] data)
        {
            int crc = 0xFFFF;
            foreach (byte b in data)
            {
                crc ^= b << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
                }
            }

            return crc;
        }
    }
}
