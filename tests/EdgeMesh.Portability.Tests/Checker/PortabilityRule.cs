namespace EdgeMesh.Portability.Tests.Checker
{
    /// <summary>The rules of the portable-core subset (docs/portability.md §Rules).</summary>
    public enum PortabilityRule
    {
        /// <summary>A type declared in the checked assembly has generic parameters.</summary>
        GenericTypeDefinition,

        /// <summary>A method declared in the checked assembly has generic parameters.</summary>
        GenericMethodDefinition,

        /// <summary>A generic instantiation is used (TypeSpec/MethodSpec, GenericInst in any signature).</summary>
        GenericInstantiation,

        /// <summary>A type or member from the forbidden list (LINQ, tasks, spans, cryptography, ...).</summary>
        ForbiddenApi,

        /// <summary>A struct with explicit layout (other than the compiler's array-initializer blobs).</summary>
        ExplicitLayout,

        /// <summary>An external type or member that nanoFramework 1.x mscorlib does not provide.</summary>
        NotInNanoFramework,

        /// <summary>A construct nanoFramework cannot run: P/Invoke, function pointers, stackalloc.</summary>
        UnsupportedConstruct,

        /// <summary>An API that EdgeMesh's conventions keep out of the portable core (locks, threads, wall clock, host byte order).</summary>
        ProjectConvention,
    }
}
