using System.Collections.Generic;

namespace EdgeMesh.Portability.Tests.Checker
{
    /// <summary>
    /// The named parts of the subset: forbidden APIs, the project's own bans, and the attributes that
    /// the .NET build carries but the nanoFramework build would not (docs/portability.md explains each).
    /// Lookups take full type names with nested types as <c>Outer+Inner</c> and generic arity as <c>`n</c>.
    /// </summary>
    internal static class SubsetPolicy
    {
        /// <summary>Namespaces whose every type is forbidden (prefix match on namespace boundaries).</summary>
        private static readonly Dictionary<string, string> ForbiddenNamespaces = new(StringComparer.Ordinal)
        {
            ["System.Linq"] = "LINQ: generic and allocating; nanoFramework has no System.Linq",
            ["System.Threading.Tasks"] = "Task/async: nanoFramework has no tasks (use the caller's loop and injected time)",
            ["System.Collections.Generic"] = "generic collections: use arrays (or ArrayList) with a constructor-given bound",
            ["System.Collections.Concurrent"] = "concurrent collections: generic, and the core is single-threaded",
            ["System.Collections.Immutable"] = "immutable collections: generic",
            ["System.Buffers"] = "System.Buffers (pools, BinaryPrimitives): span-based; use Internal.BigEndian on byte[]",
            ["System.Security.Cryptography"] = "crypto is not portable: the device's AES/HMAC API differs; inject security through the core's own interfaces",
            ["System.Text.Json"] = "System.Text.Json: not in nanoFramework",
        };

        /// <summary>Individually forbidden types.</summary>
        private static readonly Dictionary<string, string> ForbiddenTypes = new(StringComparer.Ordinal)
        {
            ["System.Span`1"] = "Span<T>: nanoFramework has no spans (only SpanByte); use byte[] buffer, int offset, int count",
            ["System.ReadOnlySpan`1"] = "ReadOnlySpan<T> (also from \"...\"u8, collection expressions, CreateSpan): not in nanoFramework",
            ["System.Memory`1"] = "Memory<T>: not in nanoFramework",
            ["System.ReadOnlyMemory`1"] = "ReadOnlyMemory<T>: not in nanoFramework",
            ["System.MemoryExtensions"] = "span extension methods: not in nanoFramework",
            ["System.Runtime.InteropServices.MemoryMarshal"] = "MemoryMarshal: span-based",
            ["System.Runtime.InteropServices.CollectionsMarshal"] = "CollectionsMarshal: generic collections and spans",
            ["System.Buffers.Binary.BinaryPrimitives"] = "BinaryPrimitives: span-based; use Internal.BigEndian",
            ["System.Runtime.CompilerServices.DefaultInterpolatedStringHandler"] = "string interpolation $\"...\": use string.Concat",
            ["System.Runtime.CompilerServices.IsExternalInit"] = "init accessors / records: the conventions forbid them (nanoFramework 1.x mscorlib declares IsExternalInit, records need generics)",
            ["System.Runtime.CompilerServices.RequiredMemberAttribute"] = "required members: not in nanoFramework",
            ["System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute"] = "required members: not in nanoFramework",
            ["System.Threading.Lock"] = "System.Threading.Lock: not in nanoFramework, and the core takes no locks",
            ["System.Runtime.CompilerServices.AsyncStateMachineAttribute"] = "async method: nanoFramework has no async/await",
            ["System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute"] = "async iterator: nanoFramework has no async/await",
            ["System.Runtime.CompilerServices.AsyncTaskMethodBuilder"] = "async method builder: nanoFramework has no async/await",
            ["System.Runtime.CompilerServices.AsyncVoidMethodBuilder"] = "async method builder: nanoFramework has no async/await",
            ["System.Runtime.CompilerServices.AsyncValueTaskMethodBuilder"] = "async method builder: nanoFramework has no async/await",
            ["System.Runtime.CompilerServices.IAsyncStateMachine"] = "async state machine: nanoFramework has no async/await",
            ["System.Index"] = "Index (^n): not in nanoFramework",
            ["System.Range"] = "Range (a..b): not in nanoFramework",
            ["System.Nullable`1"] = "Nullable<T> (int? etc.): generic; use a sentinel value or a bool flag",
            ["System.Runtime.CompilerServices.InlineArrayAttribute"] = "inline arrays (collection expressions): not in nanoFramework",
        };

        /// <summary>Individually forbidden members: type full name, then member name.</summary>
        private static readonly Dictionary<string, string> ForbiddenMembers = new(StringComparer.Ordinal)
        {
            ["System.Enum::GetValues"] = "Enum.GetValues: not in nanoFramework (no enum reflection); list values explicitly",
            ["System.Enum::GetNames"] = "Enum.GetNames: not in nanoFramework; map values to names with a switch",
            ["System.Enum::GetValuesAsUnderlyingType"] = "Enum.GetValuesAsUnderlyingType: not in nanoFramework",
        };

        /// <summary>APIs that nanoFramework may have but that the conventions keep out of the portable core.</summary>
        private static readonly Dictionary<string, string> ConventionTypes = new(StringComparer.Ordinal)
        {
            ["System.Threading.Monitor"] = "lock statement / Monitor: portable types are single-threaded by contract",
            ["System.Threading.Thread"] = "threads: the core is sans-IO and is driven by its caller",
            ["System.Threading.Timer"] = "timers: time is injected (callers pass long nowMs)",
            ["System.Diagnostics.Stopwatch"] = "Stopwatch: time is injected (callers pass long nowMs)",
            ["System.BitConverter"] = "BitConverter: host byte order; use Internal.BigEndian",
            ["System.Buffer"] = "Buffer.BlockCopy: use System.Array.Copy",
        };

        private static readonly Dictionary<string, string> ConventionMembers = new(StringComparer.Ordinal)
        {
            ["System.DateTime::get_Now"] = "wall clock: time is injected (callers pass long nowMs)",
            ["System.DateTime::get_UtcNow"] = "wall clock: time is injected (callers pass long nowMs)",
            ["System.DateTime::get_Today"] = "wall clock: time is injected (callers pass long nowMs)",
            ["System.Environment::get_TickCount"] = "clock: time is injected (callers pass long nowMs)",
            ["System.Environment::get_TickCount64"] = "clock: time is injected (callers pass long nowMs)",
        };

        /// <summary>
        /// Attributes the C# compiler adds on its own and that nanoFramework 1.x mscorlib lacks. Roslyn
        /// either skips them when the core library does not define them (CompilerGenerated,
        /// CompilationRelaxations, RuntimeCompatibility, UnverifiableCode, SecurityPermission) or embeds
        /// its own definition into the compiled assembly (IsReadOnly, IsByRefLike, Nullable*,
        /// RefSafetyRules, ScopedRef): either way the nanoFramework build compiles. Accepted only when
        /// used as custom attributes (on anything).
        /// </summary>
        private static readonly HashSet<string> CompilerSynthesizedAttributes = new(StringComparer.Ordinal)
        {
            "System.Runtime.CompilerServices.CompilerGeneratedAttribute",
            "System.Runtime.CompilerServices.CompilationRelaxationsAttribute",
            "System.Runtime.CompilerServices.RuntimeCompatibilityAttribute",
            "System.Security.UnverifiableCodeAttribute",
            "System.Security.Permissions.SecurityPermissionAttribute",
            "System.Security.Permissions.SecurityAction",
            "System.Runtime.CompilerServices.IsReadOnlyAttribute",
            "System.Runtime.CompilerServices.IsByRefLikeAttribute",
            "System.Runtime.CompilerServices.NullableAttribute",
            "System.Runtime.CompilerServices.NullableContextAttribute",
            "System.Runtime.CompilerServices.NullablePublicOnlyAttribute",
            "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
            "System.Runtime.CompilerServices.ScopedRefAttribute",
        };

        /// <summary>
        /// Assembly-level attributes that only the SDK-style build writes (GenerateAssemblyInfo with
        /// IsTrimmable/IsAotCompatible). The .nfproj has no such step, so they are accepted on the
        /// assembly only. The other generated ones (AssemblyTitle, AssemblyInformationalVersion,
        /// TargetFramework, InternalsVisibleTo, ...) exist in nanoFramework mscorlib and need no exception.
        /// </summary>
        private static readonly HashSet<string> SdkAssemblyAttributes = new(StringComparer.Ordinal)
        {
            "System.Reflection.AssemblyMetadataAttribute",
        };

        /// <summary>
        /// How Roslyn lowers <c>text + c</c> and <c>text + c.ToString()</c> (c a char) when the core library
        /// has span overloads of string.Concat: <c>string.Concat(ReadOnlySpan&lt;char&gt;, ...)</c> over
        /// <c>(ReadOnlySpan&lt;char&gt;)text</c> and <c>new ReadOnlySpan&lt;char&gt;(ref c)</c>. nanoFramework's
        /// mscorlib has no such overloads, so its compiler emits string.Concat(object, object) or
        /// Concat(string, string) for the same source. These members are accepted in method bodies only.
        /// </summary>
        private static readonly HashSet<string> StringConcatLowering = new(StringComparer.Ordinal)
        {
            "System.String::M op_Implicit(System.String):System.ReadOnlySpan`1<System.Char>",
            "System.ReadOnlySpan`1<System.Char>::M .ctor(!0&)",
            "System.String::M Concat(System.ReadOnlySpan`1<System.Char>,System.ReadOnlySpan`1<System.Char>)",
            "System.String::M Concat(System.ReadOnlySpan`1<System.Char>,System.ReadOnlySpan`1<System.Char>,System.ReadOnlySpan`1<System.Char>)",
            "System.String::M Concat(System.ReadOnlySpan`1<System.Char>,System.ReadOnlySpan`1<System.Char>,System.ReadOnlySpan`1<System.Char>,System.ReadOnlySpan`1<System.Char>)",
        };

        /// <summary>Types that nanoFramework ships outside mscorlib, named in messages so the fix is clear.</summary>
        private static readonly Dictionary<string, string> ElsewhereInNanoFramework = new(StringComparer.Ordinal)
        {
            ["System.Math"] = "nanoFramework.System.Math (github.com/nanoframework/System.Math)",
            ["System.Text.StringBuilder"] = "nanoFramework.System.Text (github.com/nanoframework/System.Text)",
            ["System.Collections.Hashtable"] = "nanoFramework.System.Collections (github.com/nanoframework/System.Collections)",
            ["System.Collections.Queue"] = "nanoFramework.System.Collections (github.com/nanoframework/System.Collections)",
            ["System.Collections.Stack"] = "nanoFramework.System.Collections (github.com/nanoframework/System.Collections)",
            ["System.Collections.DictionaryEntry"] = "nanoFramework.System.Collections (github.com/nanoframework/System.Collections)",
        };

        /// <summary>Why <paramref name="typeName"/> is forbidden, or null. Generic types come with their arity (<c>List`1</c>).</summary>
        internal static string? ForbiddenTypeReason(string typeName)
        {
            if (ForbiddenTypes.TryGetValue(typeName, out string? reason))
            {
                return reason;
            }

            string ns = NamespaceOf(typeName);
            foreach (KeyValuePair<string, string> entry in ForbiddenNamespaces)
            {
                if (ns == entry.Key || ns.StartsWith(entry.Key + ".", StringComparison.Ordinal))
                {
                    return entry.Value;
                }
            }

            return null;
        }

        /// <summary>Why <paramref name="typeName"/>.<paramref name="memberName"/> is forbidden, or null.</summary>
        internal static string? ForbiddenMemberReason(string typeName, string memberName)
        {
            return ForbiddenMembers.TryGetValue(typeName + "::" + memberName, out string? reason) ? reason : null;
        }

        /// <summary>Why the conventions ban <paramref name="typeName"/>, or null.</summary>
        internal static string? ConventionTypeReason(string typeName)
        {
            return ConventionTypes.TryGetValue(typeName, out string? reason) ? reason : null;
        }

        /// <summary>Why the conventions ban <paramref name="typeName"/>.<paramref name="memberName"/>, or null.</summary>
        internal static string? ConventionMemberReason(string typeName, string memberName)
        {
            return ConventionMembers.TryGetValue(typeName + "::" + memberName, out string? reason) ? reason : null;
        }

        /// <summary>True for attributes the compiler synthesizes and the nanoFramework build does without.</summary>
        internal static bool IsCompilerSynthesizedAttribute(string typeName)
        {
            return CompilerSynthesizedAttributes.Contains(typeName);
        }

        /// <summary>True for assembly attributes that only the SDK-style build generates.</summary>
        internal static bool IsSdkAssemblyAttribute(string typeName)
        {
            return SdkAssemblyAttributes.Contains(typeName);
        }

        /// <summary>True for the members Roslyn uses to lower string + char (see <see cref="StringConcatLowering"/>).</summary>
        internal static bool IsStringConcatLowering(string typeName, string memberKey)
        {
            return StringConcatLowering.Contains(typeName + "::" + memberKey);
        }

        /// <summary>The nanoFramework class library that has <paramref name="typeName"/>, or null.</summary>
        internal static string? ElsewhereIn(string typeName)
        {
            return ElsewhereInNanoFramework.TryGetValue(typeName, out string? library) ? library : null;
        }

        private static string NamespaceOf(string typeName)
        {
            int plus = typeName.IndexOf('+', StringComparison.Ordinal);
            string outer = plus < 0 ? typeName : typeName.Substring(0, plus);
            int dot = outer.LastIndexOf('.');
            return dot < 0 ? "" : outer.Substring(0, dot);
        }
    }
}
