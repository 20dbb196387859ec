using System.Collections.Generic;
using System.Linq;
using EdgeMesh.Messaging.Keys;
using EdgeMesh.Messaging.Tests.Support;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Tests.Engine
{
    /// <summary>The smaller pieces of the public surface the daemon relies on.</summary>
    public sealed class ApiTests
    {
        [Fact]
        public void Request_ids_print_and_parse_as_32_hex_digits()
        {
            var id = new DmRequestId(0x0102030405060708, 0x090a0b0c0d0e0f10);
            Assert.Equal("0102030405060708090a0b0c0d0e0f10", id.ToString());
            Assert.True(DmRequestId.TryParse("0102030405060708090A0B0C0D0E0F10", out DmRequestId parsed));
            Assert.Equal(id, parsed);
            Assert.False(DmRequestId.TryParse("0102", out _));
            Assert.False(DmRequestId.TryParse("zz02030405060708090a0b0c0d0e0f10", out _));
            Assert.False(DmRequestId.NewId().IsEmpty);
            Assert.NotEqual(DmRequestId.NewId(), DmRequestId.NewId());
        }

        [Fact]
        public void Counters_are_exported_with_metric_names()
        {
            using var fleet = new Fleet(1);
            fleet.SendText(0, 0, "x");
            var counters = new List<KeyValuePair<string, long>>();
            fleet[0].CopyCounters(counters);
            var byName = counters.ToDictionary(c => c.Key, c => c.Value);
            Assert.Equal(1, byName["dm_queued"]);
            Assert.Equal(1, byName["dm_delivered"]);
            Assert.Equal(1, byName["dm_receipts_accepted"]);
            Assert.Equal(0, byName["dm_refused_bad_signature"]);
            Assert.Equal(0, byName["dm_send_refused_outbox_full"]);
            Assert.Equal(0, byName["dm_outbox_messages"]);
            Assert.DoesNotContain("dm_refused_none", byName.Keys);
        }

        [Fact]
        public void The_key_directory_is_bounded_and_derives_ids_from_keys()
        {
            using var nodes = new TestIdentities(3);
            var directory = new DmKeyDirectory(2);
            Assert.Equal(nodes.Id(0), directory.Add(nodes[0].PublicKey));
            directory.Add(nodes[1].PublicKey);
            directory.Add(nodes[2].PublicKey);
            Assert.Equal(1, directory.Evictions);
            Span<byte> key = stackalloc byte[32];
            Assert.False(directory.TryGetPublicKey(nodes.Id(0), 0, key));
            Assert.True(directory.TryGetPublicKey(nodes.Id(2), 0, key));
            Assert.True(key.SequenceEqual(nodes[2].PublicKey));
            Assert.True(directory.Remove(nodes.Id(2)));
            Assert.False(directory.Remove(nodes.Id(2)));
            Assert.Equal(1, directory.Count);
            Assert.True(directory.Add(new byte[31]).IsEmpty);
        }

        [Fact]
        public void Options_out_of_range_are_refused_by_name()
        {
            using var nodes = new TestIdentities(1);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DirectMessenger(nodes[0], nodes.Directory, new DmOptions { MaxLifetimeMs = 600_001 }));
            Assert.Equal("MaxLifetimeMs", error.ParamName);
            Assert.Throws<ArgumentOutOfRangeException>(() => new DirectMessenger(nodes[0], nodes.Directory, new DmOptions { FragmentChunkBytes = 10 }));
        }

        [Fact]
        public void A_disposed_messenger_refuses_calls()
        {
            using var nodes = new TestIdentities(1);
            var messenger = new DirectMessenger(nodes[0], nodes.Directory);
            messenger.Dispose();
            Assert.Throws<ObjectDisposedException>(() => messenger.Send(nodes.Id(0), new byte[1], TestIdentities.Epoch));
            Assert.Throws<ObjectDisposedException>(() => messenger.Tick(TestIdentities.Epoch));
            messenger.Dispose();
        }
    }
}
