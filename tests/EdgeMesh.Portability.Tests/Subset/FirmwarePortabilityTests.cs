using System.Collections.Generic;
using System.IO;
using EdgeMesh.Portability.Tests.Checker;

namespace EdgeMesh.Portability.Tests.Subset
{
    /// <summary>
    /// Everything the firmware image carries — protocol core, HAL and node application — as the
    /// compile check (firmware/EdgeMesh.Firmware.Check) built it against nanoFramework's own
    /// mscorlib, stays inside the nanoFramework 1.x subset. That compiler already refused every
    /// missing API; this catches what it accepts and the device cannot run (user generics,
    /// stackalloc, P/Invoke) and the project's conventions.
    /// </summary>
    public sealed class FirmwarePortabilityTests
    {
        [Fact]
        public void Firmware_image_assembly_is_within_the_nanoFramework_subset()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "EdgeMesh.Firmware.Check.dll");
            Assert.True(File.Exists(path), "the compile check's output was not copied beside the tests: " + path);

            IReadOnlyList<PortabilityViolation> violations = NanoFrameworkSubsetChecker.Check(path);

            Assert.True(violations.Count == 0, NanoFrameworkSubsetChecker.Describe(violations));
        }
    }
}
