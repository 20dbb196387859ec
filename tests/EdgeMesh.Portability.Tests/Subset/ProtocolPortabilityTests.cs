using System.Collections.Generic;
using EdgeMesh.Portability.Tests.Checker;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Portability.Tests.Subset
{
    /// <summary>The portable core, as compiled for net10.0, stays inside the nanoFramework 1.x subset.</summary>
    public sealed class ProtocolPortabilityTests
    {
        [Fact]
        public void Protocol_assembly_is_within_the_nanoFramework_subset()
        {
            string path = typeof(FrameCodec).Assembly.Location;

            IReadOnlyList<PortabilityViolation> violations = NanoFrameworkSubsetChecker.Check(path);

            Assert.True(violations.Count == 0, NanoFrameworkSubsetChecker.Describe(violations));
        }
    }
}
