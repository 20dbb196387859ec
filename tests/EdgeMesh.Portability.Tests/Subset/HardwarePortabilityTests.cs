using System.Collections.Generic;
using System.Linq;
using EdgeMesh.Hardware;
using EdgeMesh.Hardware.Nrf24l01;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Sx127x;
using EdgeMesh.Portability.Tests.Checker;

namespace EdgeMesh.Portability.Tests.Subset
{
    /// <summary>
    /// The portable hardware layer (HAL and radio drivers), as compiled for net10.0, stays inside the
    /// nanoFramework 1.x subset. Drivers reference the HAL assembly, which the firmware compiles from
    /// the same shared sources, so the HAL is allowed for them and checked on its own.
    /// </summary>
    public sealed class HardwarePortabilityTests
    {
        private static readonly NanoFrameworkApi WithHal = NanoFrameworkApi.Mscorlib.WithPortableAssemblies("EdgeMesh.Hardware");

        [Fact]
        public void Hal_assembly_is_within_the_nanoFramework_subset()
        {
            AssertPortable(typeof(ISpiDevice).Assembly.Location, NanoFrameworkApi.Mscorlib);
        }

        [Fact]
        public void Sx127x_driver_assembly_is_within_the_nanoFramework_subset()
        {
            AssertPortable(typeof(Sx127xDriver).Assembly.Location, WithHal);
        }

        [Fact]
        public void Nrf24l01_driver_assembly_is_within_the_nanoFramework_subset()
        {
            AssertPortable(typeof(Nrf24l01Driver).Assembly.Location, WithHal);
        }

        [Fact]
        public void Radio_link_assembly_is_within_the_nanoFramework_subset()
        {
            // The link also uses the protocol core, which the firmware compiles from its shared sources too.
            AssertPortable(typeof(RadioLink).Assembly.Location, NanoFrameworkApi.Mscorlib.WithPortableAssemblies("EdgeMesh.Hardware", "EdgeMesh.Protocol"));
        }

        [Fact]
        public void Hal_references_are_reported_unless_the_hal_is_declared_portable()
        {
            // The allowance is what makes the driver pass: without it every HAL type is "not in mscorlib".
            IReadOnlyList<PortabilityViolation> violations = NanoFrameworkSubsetChecker.Check(typeof(Sx127xDriver).Assembly.Location);

            Assert.Contains(violations, v => v.Rule == PortabilityRule.NotInNanoFramework && v.Subject == "EdgeMesh.Hardware.ISpiDevice");
            Assert.All(violations, v => Assert.StartsWith("EdgeMesh.Hardware.", v.Subject, StringComparison.Ordinal));
        }

        [Fact]
        public void Declaring_one_assembly_portable_does_not_admit_others()
        {
            // The test assembly references xunit and System.Runtime APIs outside mscorlib: still reported.
            NanoFrameworkApi api = NanoFrameworkApi.Mscorlib.WithPortableAssemblies("EdgeMesh.Hardware");

            IReadOnlyList<PortabilityViolation> violations = NanoFrameworkSubsetChecker.Check(typeof(HardwarePortabilityTests).Assembly.Location, api);

            Assert.Contains(violations, v => v.Subject.StartsWith("Xunit.", StringComparison.Ordinal));
        }

        private static void AssertPortable(string path, NanoFrameworkApi api)
        {
            IReadOnlyList<PortabilityViolation> violations = NanoFrameworkSubsetChecker.Check(path, api);

            Assert.True(violations.Count == 0, NanoFrameworkSubsetChecker.Describe(violations));
        }
    }
}
