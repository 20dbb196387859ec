using System.Collections.Generic;
using System.IO;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Tests.Vectors
{
    /// <summary>RFC 9180 §A.1.1 (base mode, X25519, HKDF-SHA256, AES-128-GCM) from the vector folder.</summary>
    public sealed class HpkeVectorTests
    {
        private const string FileName = "rfc9180-A.1.1-base-x25519-sha256-aes128gcm.txt";

        private static Dictionary<string, string> Setup(out List<Dictionary<string, string>> encryptions, out List<Dictionary<string, string>> exports)
        {
            Assert.False(VectorFolder.Path is null, "MLS test vectors not found; set EDGEMESH_MLS_VECTORS.");
            string[] lines = File.ReadAllLines(Path.Combine(VectorFolder.Path!, FileName));
            Dictionary<string, string> setup = new Dictionary<string, string>();
            encryptions = new List<Dictionary<string, string>>();
            exports = new List<Dictionary<string, string>>();
            Dictionary<string, string> current = setup;
            string? key = null;
            int section = 0;
            foreach (string raw in lines)
            {
                string line = raw.Trim();
                if (line.StartsWith("### PSK", StringComparison.Ordinal))
                {
                    break;
                }

                if (line.StartsWith("#### Encryptions", StringComparison.Ordinal))
                {
                    section = 1;
                    continue;
                }

                if (line.StartsWith("#### Exported", StringComparison.Ordinal))
                {
                    section = 2;
                    continue;
                }

                if (line.Length == 0 || line.StartsWith("~~~", StringComparison.Ordinal) || line.StartsWith('#'))
                {
                    continue;
                }

                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && !IsHex(line))
                {
                    key = line.Substring(0, colon);
                    string value = line.Substring(colon + 1).Trim();
                    if ((section == 1 && key == "sequence number") || (section == 2 && key == "exporter_context"))
                    {
                        current = new Dictionary<string, string>();
                        (section == 1 ? encryptions : exports).Add(current);
                    }

                    current[key] = value;
                }
                else if (key is not null)
                {
                    current[key] += line;
                }
            }

            return setup;
        }

        private static bool IsHex(string s)
        {
            foreach (char c in s)
            {
                if (!Uri.IsHexDigit(c))
                {
                    return false;
                }
            }

            return true;
        }

        [Fact]
        public void Rfc9180_A_1_1_base_x25519_sha256_aes128gcm()
        {
            Dictionary<string, string> s = Setup(out List<Dictionary<string, string>> encryptions, out List<Dictionary<string, string>> exports);
            Assert.True(encryptions.Count >= 6);
            Assert.Equal(3, exports.Count);
            byte[] skE = Hpke.DeriveKeyPair(Convert.FromHexString(s["ikmE"]), out byte[] pkE);
            Assert.Equal(Convert.FromHexString(s["skEm"]), skE);
            Assert.Equal(Convert.FromHexString(s["pkEm"]), pkE);
            byte[] skR = Hpke.DeriveKeyPair(Convert.FromHexString(s["ikmR"]), out byte[] pkR);
            Assert.Equal(Convert.FromHexString(s["skRm"]), skR);
            Assert.Equal(Convert.FromHexString(s["pkRm"]), pkR);

            Assert.Equal(MlsError.None, Hpke.Encap(pkR, Convert.FromHexString(s["ikmE"]), out byte[] shared, out byte[] enc));
            Assert.Equal(Convert.FromHexString(s["enc"]), enc);
            Assert.Equal(Convert.FromHexString(s["shared_secret"]), shared);
            Assert.Equal(MlsError.None, Hpke.Decap(enc, skR, out byte[] shared2));
            Assert.Equal(shared, shared2);

            byte[] info = Convert.FromHexString(s["info"]);
            using HpkeContext sender = Hpke.KeySchedule(shared, info);
            using HpkeContext receiver = Hpke.KeySchedule(shared2, info);
            Assert.Equal(Convert.FromHexString(s["key"]), sender.Key.ToArray());
            Assert.Equal(Convert.FromHexString(s["base_nonce"]), sender.BaseNonce.ToArray());
            Assert.Equal(Convert.FromHexString(s["exporter_secret"]), sender.ExporterSecret.ToArray());

            foreach (Dictionary<string, string> e in encryptions)
            {
                ulong seq = ulong.Parse(e["sequence number"], System.Globalization.CultureInfo.InvariantCulture);
                sender.Sequence = seq;
                receiver.Sequence = seq;
                byte[] ct = sender.Seal(Convert.FromHexString(e["aad"]), Convert.FromHexString(e["pt"]));
                Assert.Equal(Convert.FromHexString(e["ct"]), ct);
                Assert.Equal(MlsError.None, receiver.Open(Convert.FromHexString(e["aad"]), ct, out byte[] pt));
                Assert.Equal(Convert.FromHexString(e["pt"]), pt);
            }

            foreach (Dictionary<string, string> x in exports)
            {
                byte[] value = receiver.Export(Convert.FromHexString(x["exporter_context"]), int.Parse(x["L"], System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(Convert.FromHexString(x["exported_value"]), value);
            }
        }

        [Fact]
        public void All_zero_shared_secret_is_refused()
        {
            // The identity point (and other small-order points) make X25519 output zero.
            byte[] skR = Hpke.DeriveKeyPair(new byte[32], out _);
            byte[] smallOrder = new byte[32];
            Assert.Equal(MlsError.WeakKey, Hpke.Decap(smallOrder, skR, out _));
            byte[] order8 = Convert.FromHexString("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
            Assert.Equal(MlsError.WeakKey, Hpke.Decap(order8, skR, out _));
            Assert.Equal(MlsError.WeakKey, Hpke.Encap(smallOrder, null, out _, out _));
        }
    }
}
