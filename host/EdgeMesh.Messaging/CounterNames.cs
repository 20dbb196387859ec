using System.Text;

namespace EdgeMesh.Messaging
{
    /// <summary>Metric names from enum names: "BadSignature" → "bad_signature".</summary>
    internal static class CounterNames
    {
        internal static string Snake(string pascal)
        {
            var builder = new StringBuilder(pascal.Length + 8);
            for (int i = 0; i < pascal.Length; i++)
            {
                char c = pascal[i];
                if (char.IsUpper(c))
                {
                    if (i > 0)
                    {
                        builder.Append('_');
                    }

                    builder.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }
    }
}
