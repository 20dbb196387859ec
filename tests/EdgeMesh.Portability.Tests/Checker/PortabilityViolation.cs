namespace EdgeMesh.Portability.Tests.Checker
{
    /// <summary>
    /// One finding of the checker.
    /// </summary>
    /// <param name="Rule">The rule that is broken.</param>
    /// <param name="TypeName">The type of the checked assembly where it happens (nested types as <c>Outer+Inner</c>),
    /// or <c>&lt;assembly&gt;</c> / <c>&lt;module&gt;</c> for assembly- and module-level metadata.</param>
    /// <param name="MemberName">The member of that type (<c>Name(ParameterTypes)</c> for methods, the name for
    /// fields, properties and events), or null when the finding belongs to the type itself.</param>
    /// <param name="Subject">The offending type, member or construct, e.g. <c>System.Linq.Enumerable.Where``1</c>.</param>
    /// <param name="Reason">Why it is outside the subset.</param>
    public sealed record PortabilityViolation(
        PortabilityRule Rule,
        string TypeName,
        string? MemberName,
        string Subject,
        string Reason)
    {
        /// <summary><c>Type::Member</c>, or the type alone.</summary>
        public string Location
        {
            get { return MemberName == null ? TypeName : TypeName + "::" + MemberName; }
        }

        /// <summary>One line: rule, location, subject and reason.</summary>
        public override string ToString()
        {
            return "[" + Rule + "] " + Location + ": " + Subject + " - " + Reason;
        }
    }
}
