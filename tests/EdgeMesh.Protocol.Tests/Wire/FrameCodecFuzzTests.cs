using EdgeMesh.Protocol.Tests.Fuzzing;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Wire
{
    public sealed class FrameCodecFuzzTests
    {
        [Fact]
        public void A_million_hostile_inputs_never_throw_and_never_claim_more_than_they_hold()
        {
            var mutator = new InputMutator(
                20261121,
                Hex.Parse(WireFormatVectorTests.Vector1)!,
                Hex.Parse(WireFormatVectorTests.Vector2)!,
                Hex.Parse(WireFormatVectorTests.Vector3)!);
            byte[] scratch = new byte[512];
            int accepted = 0;
            for (int i = 0; i < 1_000_000; i++)
            {
                int length = mutator.Next(scratch);
                FrameError error = FrameCodec.Decode(scratch, 0, length, 1024, out FrameHeader header);
                if (error == FrameError.None)
                {
                    accepted++;
                    Assert.InRange(header.FrameLength, WireFormat.HeaderLength, length);
                    Assert.InRange(header.HopCount, 0, header.HopLimit);
                    Assert.InRange(header.PayloadLength, 0, 1024);
                }
                else
                {
                    Assert.Equal(default, header);
                }
            }

            // Mutations keep many frames valid: the loop really exercised the accept path too.
            Assert.InRange(accepted, 10_000, 990_000);
        }
    }
}
