using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdgeMesh.Daemon.Configuration
{
    /// <summary>
    /// Checks a configuration document against the shape of <see cref="NodeConfig"/> before it is
    /// deserialised, so every problem in the file is reported at once and in the file's own terms:
    /// the field path, what kind of value it takes and the value found (the deserialiser stops at
    /// the first problem and names .NET types). The shape comes from the source-generated metadata,
    /// so a field added to a configuration class is checked without changes here.
    /// </summary>
    internal static class ConfigSchema
    {
        private const int MaxShown = 40;

        /// <summary>Every shape problem of <paramref name="root"/> as "path: expected ..., found ...".</summary>
        internal static List<string> Check(JsonElement root)
        {
            var problems = new List<string>();
            CheckObject(root, NodeConfigJsonContext.Default.NodeConfig, string.Empty, problems);
            return problems;
        }

        private static void CheckObject(JsonElement element, JsonTypeInfo info, string path, List<string> problems)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add((path.Length == 0 ? "the file" : path) + ": expected an object { ... }, found " + Found(element));
                return;
            }

            var fields = new Dictionary<string, JsonPropertyInfo>(StringComparer.Ordinal);
            foreach (JsonPropertyInfo property in info.Properties)
            {
                fields[property.Name] = property;
            }

            foreach (JsonProperty member in element.EnumerateObject())
            {
                string at = path.Length == 0 ? member.Name : path + "." + member.Name;
                if (!fields.TryGetValue(member.Name, out JsonPropertyInfo? field))
                {
                    problems.Add(at + ": unknown field" + Suggest(member.Name, fields.Keys));
                    continue;
                }

                CheckValue(member.Value, field.PropertyType, at, problems);
            }
        }

        private static void CheckValue(JsonElement value, Type type, string path, List<string> problems)
        {
            Type? underlying = Nullable.GetUnderlyingType(type);
            if (value.ValueKind == JsonValueKind.Null)
            {
                if (underlying == null && type.IsValueType)
                {
                    problems.Add(path + ": expected " + Expected(type) + ", found null");
                }

                return;
            }

            type = underlying ?? type;
            if (type == typeof(string))
            {
                Require(value.ValueKind == JsonValueKind.String, value, type, path, problems);
            }
            else if (type == typeof(bool))
            {
                Require(value.ValueKind is JsonValueKind.True or JsonValueKind.False, value, type, path, problems);
            }
            else if (IsWholeNumber(type, out long min, out long max))
            {
                bool ok = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) && number >= min && number <= max;
                Require(ok, value, type, path, problems);
            }
            else if (type == typeof(double) || type == typeof(float))
            {
                Require(value.ValueKind == JsonValueKind.Number, value, type, path, problems);
            }
            else if (ElementType(type) is Type element)
            {
                if (value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add(path + ": expected " + Expected(type) + ", found " + Found(value));
                    return;
                }

                int index = 0;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    CheckValue(item, element, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", problems);
                    index++;
                }
            }
            else if (NodeConfigJsonContext.Default.GetTypeInfo(type) is JsonTypeInfo nested && nested.Kind == JsonTypeInfoKind.Object)
            {
                CheckObject(value, nested, path, problems);
            }
        }

        private static void Require(bool ok, JsonElement value, Type type, string path, List<string> problems)
        {
            if (!ok)
            {
                problems.Add(path + ": expected " + Expected(type) + ", found " + Found(value));
            }
        }

        private static bool IsWholeNumber(Type type, out long min, out long max)
        {
            (min, max) = type == typeof(int) ? (int.MinValue, int.MaxValue)
                : type == typeof(long) ? (long.MinValue, long.MaxValue)
                : type == typeof(ushort) ? (ushort.MinValue, ushort.MaxValue)
                : type == typeof(short) ? (short.MinValue, short.MaxValue)
                : type == typeof(byte) ? (byte.MinValue, byte.MaxValue)
                : type == typeof(uint) ? (uint.MinValue, uint.MaxValue)
                : (0L, -1L);
            return min <= max;
        }

        private static Type? ElementType(Type type)
        {
            if (type.IsArray)
            {
                return type.GetElementType();
            }

            return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
        }

        /// <summary>The kind of value a field takes, in the words of the file.</summary>
        private static string Expected(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(string))
            {
                return "text in quotes";
            }

            if (type == typeof(bool))
            {
                return "true or false";
            }

            if (IsWholeNumber(type, out long min, out long max))
            {
                return min == int.MinValue && max == int.MaxValue ? "a whole number" : "a whole number " + min + ".." + max;
            }

            if (type == typeof(double) || type == typeof(float))
            {
                return "a number";
            }

            return ElementType(type) is Type element ? "a list [ ... ] of " + Plural(Expected(element)) : "an object { ... }";
        }

        private static string Plural(string kind)
        {
            return kind switch
            {
                "text in quotes" => "texts in quotes",
                "a whole number" => "whole numbers",
                _ => kind,
            };
        }

        /// <summary>The value found, shown as written (shortened) with its kind.</summary>
        private static string Found(JsonElement value)
        {
            string raw = value.GetRawText();
            if (raw.Length > MaxShown)
            {
                raw = string.Concat(raw.AsSpan(0, MaxShown), "...");
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => raw + " (text)",
                JsonValueKind.Number => raw + (value.TryGetInt64(out _) ? " (a number)" : " (a number with a fraction)"),
                JsonValueKind.True or JsonValueKind.False => raw,
                JsonValueKind.Array => "a list " + raw,
                JsonValueKind.Object => "an object " + raw,
                _ => raw,
            };
        }

        private static string Suggest(string name, IEnumerable<string> known)
        {
            foreach (string candidate in known)
            {
                if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
                {
                    return " (did you mean \"" + candidate + "\"? names are case-sensitive)";
                }
            }

            string? best = null;
            int bestDistance = 3;
            foreach (string candidate in known)
            {
                int distance = Distance(name, candidate);
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best == null ? " (see docs/configuration.md for the fields)" : " (did you mean \"" + best + "\"?)";
        }

        /// <summary>Edit distance of two short names (a field name is a few dozen characters at most).</summary>
        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length];
        }
    }
}
