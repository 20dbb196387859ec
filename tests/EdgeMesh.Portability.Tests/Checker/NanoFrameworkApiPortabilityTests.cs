namespace EdgeMesh.Portability.Tests.Checker
{
    /// <summary>
    /// The allowlist says what nanoFramework 1.x mscorlib (CoreLibrary v1.17, CoreLibrary.nfproj) really
    /// has; these facts were checked by hand against the sources named in docs/portability.md.
    /// </summary>
    public sealed class NanoFrameworkApiPortabilityTests
    {
        private static readonly NanoFrameworkApi Api = NanoFrameworkApi.Mscorlib;

        [Theory]
        [InlineData("System.String", "M Concat(System.String,System.String,System.String,System.String)", true)]
        [InlineData("System.String", "M Concat(System.String[])", true)]
        [InlineData("System.String", "M Contains(System.Char)", false)]
        [InlineData("System.Array", "M Copy(System.Array,System.Int32,System.Array,System.Int32,System.Int32)", true)]
        [InlineData("System.Array", "M Clear(System.Array,System.Int32,System.Int32)", true)]
        [InlineData("System.Array", "M Fill(System.Array,System.Object)", false)]
        [InlineData("System.Runtime.CompilerServices.RuntimeHelpers", "M InitializeArray(System.Array,System.RuntimeFieldHandle)", true)]
        [InlineData("System.ArgumentOutOfRangeException", "M .ctor(System.String)", true)]
        [InlineData("System.Threading.Interlocked", "M Increment(System.Int32&)", true)]
        [InlineData("System.Threading.Interlocked", "M Increment(System.Int64&)", false)]
        [InlineData("System.UInt64", "M GetHashCode()", true)] // inherited from System.Object
        [InlineData("System.SpanByte", "M op_Implicit(System.Byte[]):System.SpanByte", true)]
        public void Knows_which_members_nanoFramework_has(string type, string member, bool expected)
        {
            Assert.Equal(expected, Api.HasMember(type, member));
        }

        [Theory]
        [InlineData("System.Collections.ArrayList", true)]
        [InlineData("System.Runtime.Versioning.TargetFrameworkAttribute", true)]
        [InlineData("System.Math", false)] // nanoFramework.System.Math, a separate library
        [InlineData("System.Text.StringBuilder", false)] // nanoFramework.System.Text
        [InlineData("System.Collections.Hashtable", false)] // nanoFramework.System.Collections
        [InlineData("System.Decimal", false)] // Decimal.cs exists but CoreLibrary.nfproj does not compile it
        [InlineData("System.Runtime.CompilerServices.CompilationRelaxationsAttribute", false)] // likewise
        [InlineData("System.Runtime.CompilerServices.CompilerGeneratedAttribute", false)]
        [InlineData("System.Action", true)]
        [InlineData("System.Action`1", false)] // declared in mscorlib, left out: generic
        public void Knows_which_types_nanoFramework_mscorlib_has(string type, bool expected)
        {
            Assert.Equal(expected, Api.FindType(type) != null);
        }

        [Fact]
        public void Marks_attribute_types_stripped_from_the_device_image()
        {
            Assert.True(Api.FindType("System.Diagnostics.DebuggableAttribute")!.CompileTimeOnly);
            Assert.True(Api.FindType("System.Reflection.AssemblyInformationalVersionAttribute")!.CompileTimeOnly);
            Assert.False(Api.FindType("System.String")!.CompileTimeOnly);
        }
    }
}
