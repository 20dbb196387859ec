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
            var q = new PersistentOutbox(_dir, 10, flushToDisk: true);
            for (int i = 0; i < 5; i++)
            {
                Assert.True(q.TryEnqueue(Message("t/" + i, "p" + i)));
            }

            var batch = new List<OutboundMessage>();
            q.PeekOldest(batch, 2);
            q.Complete(batch[0].Sequence);
            q.Complete(batch[1].Sequence);

            var reopened = new PersistentOutbox(_dir, 10, flushToDisk: true);
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
            var q = new PersistentOutbox(_dir, 3, flushToDisk: false);
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
        public void Damaged_and_torn_files_are_set_aside_never_sent()
        {
            var q = new PersistentOutbox(_dir, 10, flushToDisk: false);
            Assert.True(q.TryEnqueue(Message("t/a", "good")));
            Assert.True(q.TryEnqueue(Message("t/b", "bad")));
            string[] files = Directory.GetFiles(_dir, "*.emq");
            Array.Sort(files, StringComparer.Ordinal);
            byte[] bytes = File.ReadAllBytes(files[1]);
            bytes[^5] ^= 0xFF;
            File.WriteAllBytes(files[1], bytes);
            File.WriteAllBytes(Path.Combine(_dir, "00000000000000000099.tmp"), new byte[] { 1, 2, 3 });
            File.WriteAllBytes(Path.Combine(_dir, "00000000000000000098.emq"), new byte[] { (byte)'E', (byte)'M', (byte)'B', (byte)'Q', 1, 0, 0, 0, 0xFF, 0xFF });

            var reopened = new PersistentOutbox(_dir, 10, flushToDisk: false);
            Assert.Equal(1, reopened.Count);
            Assert.Equal(2, reopened.Corrupt);
            Assert.Equal(2, Directory.GetFiles(_dir, "*.corrupt").Length);
            Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
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
