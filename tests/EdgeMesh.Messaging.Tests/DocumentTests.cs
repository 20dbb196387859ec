using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using EdgeMesh.Messaging.Wire;
using EdgeMesh.Protocol.Tests;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Tests
{
    /// <summary>docs/direct-messages.md and the code must not drift apart.</summary>
    public sealed partial class DocumentTests
    {
        private static readonly string Doc = RepositoryDocs.Read("direct-messages.md");

        [Fact]
        public void The_fragment_example_is_what_the_code_writes()
        {
            byte[] envelope = new byte[1000];
            ReadOnlyMemory<byte> fragment = FragmentHeader.Split(envelope, 400, new DmRequestId(0x0102030405060708, 0x090a0b0c0d0e0f10), new NodeId(0xa1b2c3d4e5f60718))[1];
            string hex = Convert.ToHexStringLower(fragment.Span.Slice(0, FragmentHeader.Length));
            Assert.Contains(hex, RepositoryDocs.ReadCompact("direct-messages.md"), StringComparison.Ordinal);
        }

        [Fact]
        public void Every_option_default_in_the_table_is_the_code_default()
        {
            var defaults = new DmOptions();
            var rows = OptionRow().Matches(Doc).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            PropertyInfo[] options = typeof(DmOptions).GetProperties().Where(p => p.CanWrite).ToArray();
            Assert.Equal(options.Length, rows.Count);
            foreach (PropertyInfo option in options)
            {
                Assert.True(rows.TryGetValue(option.Name, out string? text), option.Name + " is not in the options table");
                Assert.Equal(Convert.ToInt64(option.GetValue(defaults), CultureInfo.InvariantCulture), Parse(text!));
            }
        }

        [Fact]
        public void Every_refusal_and_reject_reason_is_documented()
        {
            foreach (DmRefusal refusal in Enum.GetValues<DmRefusal>().Where(r => r != DmRefusal.None))
            {
                Assert.Contains("`" + refusal + "`", Doc, StringComparison.Ordinal);
            }

            foreach (DmRejectReason reason in new[] { DmRejectReason.NotAllowed, DmRejectReason.UnsupportedContent, DmRejectReason.Undecryptable })
            {
                Assert.Contains("| " + (int)reason + " | `" + reason + "` |", Doc, StringComparison.Ordinal);
            }

            Assert.Contains("the envelope of an *n*-byte payload is " + EnvelopeHeader.EnvelopeLengthFor(0) + " + *n* bytes (" + EnvelopeHeader.MaxLength.ToString("N0", CultureInfo.InvariantCulture) + " at most)", Doc, StringComparison.Ordinal);
        }

        private static long Parse(string text)
        {
            text = text.Replace(",", string.Empty, StringComparison.Ordinal);
            return text.EndsWith(" MiB", StringComparison.Ordinal) ? long.Parse(text[..^4], CultureInfo.InvariantCulture) << 20 : long.Parse(text, CultureInfo.InvariantCulture);
        }

        [GeneratedRegex(@"^\| `(\w+)` \| ([\d,]+(?: MiB)?) \|", RegexOptions.Multiline)]
        private static partial Regex OptionRow();
    }
}
