#if NANOFRAMEWORK_1_0
using System.IO;

namespace EdgeMesh.Firmware.NanoFramework
{
    /// <summary>
    /// The node's config files on the device's internal file system (ESP32: SPIFFS as drive I:),
    /// through nanoFramework.System.IO.FileSystem: the provisioning record written by
    /// <c>edgemesh firmware provision</c> and deployed with <c>nanoff --filedeployment</c>, and the
    /// boot counter the firmware raises on every boot. Compiled only by the .nfproj.
    /// </summary>
    public static class FlashConfig
    {
        /// <summary>Where the provisioning record lives.</summary>
        public const string ProvisioningPath = "I:\\edgemesh.prov";

        /// <summary>Where the boot counter lives (4 bytes, big-endian).</summary>
        public const string BootCounterPath = "I:\\edgemesh.boot";

        /// <summary>Reads the provisioning record into <paramref name="record"/>; the bytes read (0 when the file is missing).</summary>
        public static int ReadProvisioning(byte[] record)
        {
            if (!File.Exists(ProvisioningPath))
            {
                return 0;
            }

            using (FileStream stream = new FileStream(ProvisioningPath, FileMode.Open, FileAccess.Read))
            {
                int total = 0;
                int n;
                while (total < record.Length && (n = stream.Read(record, total, record.Length - total)) > 0)
                {
                    total += n;
                }

                return total;
            }
        }

        /// <summary>Raises the boot counter by one and returns the new value (1 on a fresh board).</summary>
        public static uint NextBootCount()
        {
            byte[] value = new byte[4];
            uint count = 0;
            if (File.Exists(BootCounterPath))
            {
                using (FileStream stream = new FileStream(BootCounterPath, FileMode.Open, FileAccess.Read))
                {
                    if (stream.Read(value, 0, 4) == 4)
                    {
                        count = ((uint)value[0] << 24) | ((uint)value[1] << 16) | ((uint)value[2] << 8) | value[3];
                    }
                }
            }

            count++;
            value[0] = (byte)(count >> 24);
            value[1] = (byte)(count >> 16);
            value[2] = (byte)(count >> 8);
            value[3] = (byte)count;
            using (FileStream stream = new FileStream(BootCounterPath, FileMode.Create, FileAccess.Write))
            {
                stream.Write(value, 0, 4);
            }

            return count;
        }
    }
}
#endif
