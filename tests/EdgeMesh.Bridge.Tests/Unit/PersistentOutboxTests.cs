using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using EdgeMesh.Bridge.Queue;

namespace EdgeMesh.Bridge.Tests.Unit
{
    public sealed class PersistentOutboxTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "em-outbox-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, recursive: true);
            }
        }

        [Fact]
        public void Reopened_queue_holds_the_unacknowledged_messages_in_order()
        {
            using var q = new PersistentOutbox(_dir, 10, flushToDisk: true);
            for (int i = 0; i < 5; i++)
            {
                Assert.True(q.TryEnqueue(Message("t/" + i, "p" + i)));
            }

            var batch = new List<OutboundMessage>();
            q.PeekOldest(batch, 2);
            q.Complete(batch[0].Sequence);
            q.Complete(batch[1].Sequence);

            using var reopened = new PersistentOutbox(_dir, 10, flushToDisk: true);
            Assert.Equal(3, reopened.Count);
            reopened.PeekOldest(batch, 10);
            Assert.Equal(new[] { "t/2", "t/3", "t/4" }, batch.ConvertAll(m => m.Topic));
            Assert.Equal("p3", Encoding.ASCII.GetString(batch[1].Payload));
            Assert.True(reopened.TryEnqueue(Message("t/5", "p5")));
            reopened.PeekOldest(batch, 10);
            Assert.True(batch[3].Sequence > batch[2].Sequence); // numbering continues after a restart
        }

        [Fact]
        public void A_full_queue_refuses_new_messages_keeps_the_old_and_counts()
        {
            using var q = new PersistentOutbox(_dir, 3, flushToDisk: false);
            for (int i = 0; i < 3; i++)
            {
                Assert.True(q.TryEnqueue(Message("t", "p" + i)));
            }

            Assert.False(q.TryEnqueue(Message("t", "late")));
            Assert.Equal(1, q.Dropped);
            Assert.Equal(3, q.Count);
            var batch = new List<OutboundMessage>();
            q.PeekOldest(batch, 10);
            Assert.Equal("p0", Encoding.ASCII.GetString(batch[0].Payload));
        }

        [Fact]
        public void A_damaged_record_ends_its_segment_and_is_never_sent()
        {
            using (var q = new PersistentOutbox(_dir, 10, flushToDisk: false))
            {
                Assert.True(q.TryEnqueue(Message("t/a", "first")));
                Assert.True(q.TryEnqueue(Message("t/b", "second")));
                Assert.True(q.TryEnqueue(Message("t/c", "third")));
            }

            string segment = Directory.GetFiles(_dir, "*.emlog")[0];
            byte[] bytes = File.ReadAllBytes(segment);
            int recordLength = bytes.Length / 3;
            bytes[recordLength + (recordLength / 2)] ^= 0xFF; // inside the second record
            File.WriteAllBytes(segment, bytes);
            File.WriteAllBytes(Path.Combine(_dir, "00000000000000000099.emlog"), new byte[] { 0, 0, 0, 200, 1, 2, 3 });

            using var reopened = new PersistentOutbox(_dir, 10, flushToDisk: false);
            var batch = new List<OutboundMessage>();
            reopened.PeekOldest(batch, 10);
            Assert.Equal(new[] { "t/a" }, batch.ConvertAll(m => m.Topic));
            Assert.Equal(2, reopened.Corrupt);
        }

        [Fact]
        public void A_torn_last_record_loses_only_the_message_that_was_being_written()
        {
            using (var q = new PersistentOutbox(_dir, 10, flushToDisk: false))
            {
                Assert.True(q.TryEnqueue(Message("t/a", "first")));
                Assert.True(q.TryEnqueue(Message("t/b", "second")));
            }

            string segment = Directory.GetFiles(_dir, "*.emlog")[0];
            byte[] bytes = File.ReadAllBytes(segment);
            File.WriteAllBytes(segment, bytes.AsSpan(0, bytes.Length - 3).ToArray());

            using var reopened = new PersistentOutbox(_dir, 10, flushToDisk: false);
            Assert.Equal(1, reopened.Count);
            Assert.Equal(1, reopened.Corrupt);
            Assert.True(reopened.TryEnqueue(Message("t/c", "after the crash")));
        }

        [Fact]
        public void One_stuck_message_cannot_pin_the_disk()
        {
            byte[] big = new byte[60 * 1024];
            using (var q = new PersistentOutbox(_dir, 1000, flushToDisk: false))
            {
                Assert.True(q.TryEnqueue(new OutboundMessage(0, "rule", "stuck", 1, Encoding.ASCII.GetBytes("stuck"), 1)));
                var batch = new List<OutboundMessage>();
                for (int i = 0; i < 700; i++)
                {
                    Assert.True(q.TryEnqueue(new OutboundMessage(0, "rule", "t", 1, big, 2)));
                    q.PeekOldest(batch, 2);
                    q.Complete(batch[^1].Sequence); // everything but the stuck one is acknowledged
                }

                Assert.InRange(q.SegmentCount, 1, PersistentOutbox.MaxSegments + 1);
                Assert.Equal(1, q.Count);
            }

            using var reopened = new PersistentOutbox(_dir, 1000, flushToDisk: false);
            var left = new List<OutboundMessage>();
            reopened.PeekOldest(left, 10);
            Assert.Equal(new[] { "stuck" }, left.ConvertAll(m => m.Topic));
        }

        [Fact]
        public void Decoding_refuses_lengths_beyond_the_file()
        {
            byte[] file = QueueFile.Encode(Message("t", "payload"));
            file[28] = 0x7F; // payload length far beyond the file
            Assert.False(QueueFile.TryDecode(file, out _));
            Assert.False(QueueFile.TryDecode(new byte[3], out _));
        }

        private static OutboundMessage Message(string topic, string payload)
        {
            byte[] p = Encoding.ASCII.GetBytes(payload);
            return new OutboundMessage(0, "rule", topic, 1, p, Fingerprint.Of(topic, p));
        }
    }
}
