using System.Collections.Generic;
using EdgeMesh.Hardware;
using EdgeMesh.Portability.Tests.Checker;

namespace EdgeMesh.Portability.Tests.Subset
{
    /// <summary>The portable hardware layer (HAL and radio drivers), as compiled for net10.0, stays inside the nanoFramework 1.x subset.</summary>
    public sealed class HardwarePortabilityTests
    {
        [Fact]
        public void Hal_assembly_is_within_the_nanoFramework_subset()
        {
            AssertPortable(typeof(ISpiDevice).Assembly.Location);
        }

        private static void AssertPortable(string path)
        {
            IReadOnlyList<PortabilityViolation> violations = NanoFrameworkSubsetChecker.Check(path);

            Assert.True(violations.Count == 0, NanoFrameworkSubsetChecker.Describe(violations));
        }
    }
}
