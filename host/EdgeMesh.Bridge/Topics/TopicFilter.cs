using System;

namespace EdgeMesh.Bridge.Topics
{
    /// <summary>
    /// MQTT topic filter rules (MQTT 3.1.1 §4.7, the same in 5): levels split by '/', '+' matches one
    /// level, '#' (last level only) matches the parent level and everything below. Used on both sides
    /// of the bridge so a rule means the same thing for mesh and broker topics.
    /// </summary>
    internal static class TopicFilter
    {
        /// <summary>Longest topic or filter accepted (bytes of UTF-8), the mesh's own limit.</summary>
        internal const int MaxLength = 256;

        internal static bool IsValidFilter(string filter)
        {
            if (string.IsNullOrEmpty(filter) || System.Text.Encoding.UTF8.GetByteCount(filter) > MaxLength || filter.Contains('\0', StringComparison.Ordinal))
            {
                return false;
            }

            string[] levels = filter.Split('/');
            for (int i = 0; i < levels.Length; i++)
            {
                string level = levels[i];
                if (level.Contains('#', StringComparison.Ordinal) && (level.Length != 1 || i != levels.Length - 1))
                {
                    return false;
                }

                if (level.Contains('+', StringComparison.Ordinal) && level.Length != 1)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A concrete topic: no wildcards, 1..256 bytes, no NUL.</summary>
        internal static bool IsValidTopic(string topic)
        {
            return !string.IsNullOrEmpty(topic)
                && topic.IndexOfAny(Wildcards) < 0
                && System.Text.Encoding.UTF8.GetByteCount(topic) <= MaxLength;
        }

        private static readonly char[] Wildcards = { '+', '#', '\0' };

        internal static bool Matches(string filter, string topic)
        {
            ArgumentNullException.ThrowIfNull(filter);
            ArgumentNullException.ThrowIfNull(topic);
            if (topic.Length > 0 && topic[0] == '$' && filter.Length > 0 && (filter[0] == '+' || filter[0] == '#'))
            {
                return false; // wildcards never match the broker's own $-topics (MQTT §4.7.2)
            }

            int f = 0;
            int t = 0;
            while (true)
            {
                int fEnd = filter.IndexOf('/', f);
                if (fEnd < 0)
                {
                    fEnd = filter.Length;
                }

                int levelLength = fEnd - f;
                if (levelLength == 1 && filter[f] == '#')
                {
                    return true; // matches this level and everything below, also the parent itself
                }

                if (t > topic.Length)
                {
                    return false; // filter has more levels than the topic
                }

                int tEnd = topic.IndexOf('/', t);
                if (tEnd < 0)
                {
                    tEnd = topic.Length;
                }

                bool plus = levelLength == 1 && filter[f] == '+';
                if (!plus && (levelLength != tEnd - t || string.CompareOrdinal(filter, f, topic, t, levelLength) != 0))
                {
                    return false;
                }

                bool filterDone = fEnd == filter.Length;
                bool topicDone = tEnd == topic.Length;
                if (filterDone || topicDone)
                {
                    if (filterDone && topicDone)
                    {
                        return true;
                    }

                    // "a/#" matches "a": the topic ended, the filter's next and last level is '#'.
                    return topicDone && !filterDone && filter.Length - fEnd == 2 && filter[fEnd + 1] == '#';
                }

                f = fEnd + 1;
                t = tEnd + 1;
            }
        }
    }
}
