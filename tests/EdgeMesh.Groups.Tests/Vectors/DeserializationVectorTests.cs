using System.Text.Json;
using EdgeMesh.Groups.Codec;

namespace EdgeMesh.Groups.Tests.Vectors
{
    public sealed class DeserializationVectorTests
    {
        public static IEnumerable<object[]> Cases() => VectorFolder.Cases("deserialization");

        [Theory]
        [MemberData(nameof(Cases))]
        public void Deserialization(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            byte[] header = v.Hex("vlbytes_header");
            int length = v.GetProperty("length").GetInt32();
            TlsReader r = new TlsReader(header);
            Assert.Equal(length, r.VarLength());
            r.ExpectEnd();
            Assert.True(r.Ok);
            TlsWriter w = new TlsWriter();
            w.VarLength(length);
            Assert.Equal(header, w.ToArray());
        }

        [Fact]
        public void Reserved_prefix_and_overlong_lengths_are_refused()
        {
            TlsReader reserved = new TlsReader(new byte[] { 0xC0, 0, 0, 0, 0, 0, 0, 0 });
            reserved.VarLength();
            Assert.Equal(MlsError.BadLength, reserved.Error);
            TlsReader overlong = new TlsReader(new byte[] { 0x40, 0x05 });
            overlong.VarLength();
            Assert.Equal(MlsError.BadLength, overlong.Error);
            TlsReader huge = new TlsReader(new byte[] { 0xBF, 0xFF, 0xFF, 0xFF, 1, 2 });
            Assert.True(huge.VarBytes().IsEmpty);
            Assert.Equal(MlsError.Truncated, huge.Error);
        }
    }
}
