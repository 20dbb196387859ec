using System;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Frames;
using EdgeMesh.Security.Identity;
using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Runtime
{
    /// <content>
    /// Log lines for refused peers: another fleet, revoked, an expired certificate, a forged frame.
    /// Every refusal is counted (<c>counters.rejected</c>); a line is written once per peer and
    /// reason and rate-limited (<see cref="RefusalLog"/>). Both ends of a refused link log it when
    /// both refuse (two fleets); a node refused one way round cannot know it without a reply, and a
    /// refused peer is not sent one (it would be an amplifier for forged frames).
    /// </content>
    public sealed partial class MeshNode
    {
        private readonly RefusalLog _refusals = new();

        private void NoteRefusal(FrameVerdict verdict, ref FrameHeader header, LinkAddress from, byte[] buffer, int offset, long now)
        {
            if (!RefusalLog.IsPeerRefusal(verdict))
            {
                return;
            }

            // A refused certificate says why; revoked and expired are the same news as the frame
            // verdicts of the same name, so they share their once-per-peer entry.
            AdmissionError why = AdmissionError.None;
            ulong fleet = 0;
            if (verdict == FrameVerdict.CertificateRejected && _security.Admission != null)
            {
                why = _security.Admission.Explain(buffer.AsSpan(FrameCodec.PayloadOffset(offset), header.PayloadLength), now, out fleet);
                verdict = why switch
                {
                    AdmissionError.Revoked => FrameVerdict.SenderRevoked,
                    AdmissionError.Expired => FrameVerdict.CertificateExpired,
                    _ => verdict,
                };
            }

            bool log = _refusals.ShouldLog(header.Sender, verdict, now, out long suppressed);
            if (suppressed > 0)
            {
                Log.RefusalsSuppressed(_log, suppressed);
            }

            if (log)
            {
                Log.PeerRefused(_log, NodeIds.FormatShort(header.Sender), from.ToString() ?? "?", Describe(verdict, why, fleet, ref header, now));
            }
        }

        private string Describe(FrameVerdict verdict, AdmissionError why, ulong fleet, ref FrameHeader header, long now)
        {
            switch (verdict)
            {
                case FrameVerdict.SenderRevoked:
                    return "revoked (on the fleet's revocation list, version " + (_security.Admission?.RevocationListVersion ?? 0) + ")";
                case FrameVerdict.CertificateExpired:
                    return "its certificate has expired (renew it with edgemesh fleet enroll)";
                case FrameVerdict.SenderMismatch:
                    return "it presented another node's certificate";
                case FrameVerdict.BadSignature:
                    return "a frame's signature does not verify under its certified key (forged or corrupted)";
                case FrameVerdict.BadMac:
                    return "a frame's MAC does not verify (another segment key)";
                case FrameVerdict.SecurityModeNotAllowed:
                    return "it runs another security mode (" + header.Security + "; this node: " + _security.Profile.ToString().ToLowerInvariant() + ")";
                case FrameVerdict.TimestampOutOfWindow:
                    return "its clock is off by more than security.maxClockSkewMs (" + ((long)header.TimestampMs - now) + " ms)";
                case FrameVerdict.CertificateRejected:
                    return why switch
                    {
                        AdmissionError.WrongFleet => "its certificate is for another fleet (" + FleetAuthority.FormatFleetId(fleet) + "; this node's fleet is " + FleetAuthority.FormatFleetId(_security.Admission!.FleetId) + ")",
                        AdmissionError.NotYetValid => "its certificate is not valid yet (check the clocks)",
                        AdmissionError.BadSignature => "its certificate's signature does not verify under this fleet's root",
                        _ => "its certificate was refused (" + why + ")",
                    };
                default:
                    return verdict.ToString();
            }
        }
    }
}
