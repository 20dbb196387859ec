using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Schedule;
using EdgeMesh.Groups.Tree;

namespace EdgeMesh.Groups.Protocol
{
    /// <summary>
    /// One member's state of one MLS group in one epoch, and the transitions between epochs:
    /// joining by Welcome, processing proposals, commits and application messages, and (in
    /// <see cref="GroupState"/>'s committer half) creating them. Sans-IO: bytes in, bytes out.
    /// Every failure is an <see cref="MlsError"/>; a failed commit leaves the state untouched.
    /// </summary>
    internal sealed partial class GroupState : IDisposable
    {
        /// <summary>Proposals cached per epoch awaiting a commit; more are refused (and counted).</summary>
        public const int MaxCachedProposals = 256;

        /// <summary>Resumption PSKs kept for earlier epochs.</summary>
        public const int MaxResumptionEpochs = 16;

        private readonly byte[] _signaturePrivate;
        private readonly PskStore _psks;
        private readonly Dictionary<string, (Proposal Proposal, Sender Sender)> _proposals = new Dictionary<string, (Proposal, Sender)>(StringComparer.Ordinal);
        private readonly Dictionary<ulong, byte[]> _resumption = new Dictionary<ulong, byte[]>();
        private readonly Dictionary<string, byte[]> _pendingUpdates = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        private GroupContext _context;
        private byte[] _contextBytes;
        private RatchetTree _tree;
        private PathKeys _keys;
        private EpochSecrets _secrets;
        private SecretTree _secretTree;
        private byte[] _interim;

        private GroupState(GroupContext context, RatchetTree tree, PathKeys keys, EpochSecrets secrets, byte[] interim, byte[] signaturePrivate, PskStore psks)
        {
            _context = context;
            _contextBytes = context.Encode();
            _tree = tree;
            _keys = keys;
            _secrets = secrets;
            _secretTree = new SecretTree(secrets.EncryptionSecret, tree.LeafCount);
            _interim = interim;
            _signaturePrivate = signaturePrivate;
            _psks = psks;
        }

        public ulong Epoch => _context.Epoch;

        public byte[] GroupId => _context.GroupId;

        public uint OwnLeaf => _keys.Leaf;

        public byte[] EpochAuthenticator => _secrets.EpochAuthenticator;

        internal RatchetTree Tree => _tree;

        internal GroupContext Context => _context;

        internal EpochSecrets Secrets => _secrets;

        public int MemberCount => _tree.MemberCount();

        /// <summary>Proposals refused because the per-epoch cache was full.</summary>
        public long DroppedProposals { get; private set; }

        public byte[] Export(string label, ReadOnlySpan<byte> context, int length) => _secrets.Export(label, context, length);

        // ---- Joining ----------------------------------------------------------------------------

        /// <summary>Joins a group from a Welcome addressed to <paramref name="keyPackage"/>.</summary>
        public static MlsError TryJoin(
            Welcome welcome,
            KeyPackage keyPackage,
            byte[] initPrivate,
            byte[] encryptionPrivate,
            byte[] signaturePrivate,
            RatchetTree? externalTree,
            PskStore psks,
            out GroupState? group)
        {
            group = null;
            MlsError error = OpenWelcome(welcome, keyPackage, initPrivate, psks, out GroupSecrets? secretsOrNull, out GroupInfo? infoOrNull, out byte[] pskSecret);
            if (error != MlsError.None)
            {
                secretsOrNull?.Dispose();
                return error;
            }

            using GroupSecrets secrets = secretsOrNull!;
            GroupInfo info = infoOrNull!;
            GroupContext context = info.GroupContext;
            if (context.Version != Suite.ProtocolVersion || context.CipherSuite != Suite.Id)
            {
                return MlsError.Unsupported;
            }

            RatchetTree? tree = externalTree?.Clone();
            Extension? treeExtension = Extension.Find(info.Extensions, Extension.RatchetTree);
            if (treeExtension is not null)
            {
                error = RatchetTree.TryDecode(treeExtension.Data, out RatchetTree fromExtension);
                if (error != MlsError.None)
                {
                    return error;
                }

                tree = fromExtension;
            }

            if (tree is null)
            {
                return MlsError.NotFound;
            }

            error = ValidateTree(tree, context);
            if (error != MlsError.None)
            {
                return error;
            }

            LeafNode? signer = tree.Leaf(info.Signer);
            if (signer is null || !info.VerifySignature(signer.SignatureKey))
            {
                return MlsError.BadSignature;
            }

            uint own = uint.MaxValue;
            for (uint i = 0; i < tree.LeafCount; i++)
            {
                LeafNode? leaf = tree.Leaf(i);
                if (leaf is not null && leaf.EncryptionKey.AsSpan().SequenceEqual(keyPackage.LeafNode.EncryptionKey) && leaf.SignatureKey.AsSpan().SequenceEqual(keyPackage.LeafNode.SignatureKey))
                {
                    own = i;
                    break;
                }
            }

            if (own == uint.MaxValue)
            {
                return MlsError.NotFound;
            }

            PathKeys keys = new PathKeys(own);
            keys.Set(2 * own, (byte[])encryptionPrivate.Clone());
            if (secrets.PathSecret is not null)
            {
                uint ancestor = TreeMath.CommonAncestor(2 * own, 2 * info.Signer);
                List<(uint Node, uint Copath)> filtered = tree.FilteredDirectPath(info.Signer);
                int start = filtered.FindIndex(p => p.Node == ancestor);
                if (start < 0)
                {
                    keys.Dispose();
                    return MlsError.BadTree;
                }

                error = TreeKem.DeriveUp(tree, filtered, start, (byte[])secrets.PathSecret.Clone(), keys, out byte[] unused);
                CryptographicOperations.ZeroMemory(unused);
                if (error != MlsError.None)
                {
                    keys.Dispose();
                    return error;
                }
            }

            byte[] contextBytes = context.Encode();
            EpochSecrets epoch = EpochSecrets.FromJoiner((byte[])secrets.JoinerSecret.Clone(), pskSecret, contextBytes);
            if (!Suite.VerifyMac(epoch.ConfirmationKey, context.ConfirmedTranscriptHash, info.ConfirmationTag))
            {
                epoch.Dispose();
                keys.Dispose();
                return MlsError.BadMac;
            }

            byte[] interim = TranscriptHash.Interim(context.ConfirmedTranscriptHash, info.ConfirmationTag);
            group = new GroupState(context, tree, keys, epoch, interim, (byte[])signaturePrivate.Clone(), psks);
            return MlsError.None;
        }

        /// <summary>Finds our entry in a Welcome, opens the GroupSecrets and decrypts the GroupInfo (no validation yet).</summary>
        internal static MlsError OpenWelcome(Welcome welcome, KeyPackage keyPackage, byte[] initPrivate, PskStore psks, out GroupSecrets? groupSecrets, out GroupInfo? groupInfo, out byte[] pskSecret)
        {
            groupSecrets = null;
            groupInfo = null;
            pskSecret = Array.Empty<byte>();
            if (welcome.CipherSuite != Suite.Id)
            {
                return MlsError.Unsupported;
            }

            byte[] reference = keyPackage.Reference();
            EncryptedGroupSecrets? mine = welcome.Secrets.Find(s => s.NewMember.AsSpan().SequenceEqual(reference));
            if (mine is null)
            {
                return MlsError.NotFound;
            }

            MlsError error = Suite.DecryptWithLabel(initPrivate, "Welcome", welcome.EncryptedGroupInfo, mine.Encrypted.KemOutput, mine.Encrypted.Ciphertext, out byte[] secretsBytes);
            if (error != MlsError.None)
            {
                return error;
            }

            TlsReader sr = new TlsReader(secretsBytes);
            GroupSecrets secrets = GroupSecrets.Read(ref sr);
            sr.ExpectEnd();
            CryptographicOperations.ZeroMemory(secretsBytes);
            if (!sr.Ok)
            {
                secrets.Dispose();
                return sr.Error;
            }

            groupSecrets = secrets;

            List<byte[]> pskValues = new List<byte[]>();
            foreach (PreSharedKeyId id in secrets.Psks)
            {
                if (id.Type != PreSharedKeyId.External || !psks.TryGet(id.PskId, out byte[] value))
                {
                    return MlsError.NotFound;
                }

                pskValues.Add(value);
            }

            pskSecret = PskSecret.Compute(secrets.Psks, pskValues);
            byte[] welcomeSecret = EpochSecrets.DeriveWelcome(secrets.JoinerSecret, pskSecret);
            byte[] key = Suite.ExpandWithLabel(welcomeSecret, "key", default, Suite.Nk);
            byte[] nonce = Suite.ExpandWithLabel(welcomeSecret, "nonce", default, Suite.Nn);
            CryptographicOperations.ZeroMemory(welcomeSecret);
            error = Suite.AeadOpen(key, nonce, default, welcome.EncryptedGroupInfo, out byte[] groupInfoBytes);
            CryptographicOperations.ZeroMemory(key);
            if (error != MlsError.None)
            {
                return error;
            }

            TlsReader gr = new TlsReader(groupInfoBytes);
            GroupInfo info = GroupInfo.Read(ref gr);
            gr.ExpectEnd();
            if (!gr.Ok)
            {
                return gr.Error;
            }

            groupInfo = info;
            return MlsError.None;

        }

        /// <summary>Tree hash, parent hashes, unmerged leaves and leaf signatures of a tree we are given.</summary>
        private static MlsError ValidateTree(RatchetTree tree, GroupContext context)
        {
            // Unmerged-leaf indices are checked first: everything after indexes by them.
            if (!tree.VerifyUnmergedLeaves() || !tree.RootHash().AsSpan().SequenceEqual(context.TreeHash))
            {
                return MlsError.BadTree;
            }

            if (!tree.VerifyParentHashes())
            {
                return MlsError.BadTree;
            }

            return tree.VerifyLeafSignatures(context.GroupId) ? MlsError.None : MlsError.BadSignature;
        }

        // ---- Receiving --------------------------------------------------------------------------

        /// <summary>Decodes and processes one MLSMessage for this group.</summary>
        public MlsError Process(ReadOnlySpan<byte> data, out Received? received)
        {
            received = null;
            MlsError error = MlsMessage.TryDecode(data, out MlsMessage message);
            if (error != MlsError.None)
            {
                return error;
            }

            return Process(message, out received);
        }

        public MlsError Process(MlsMessage message, out Received? received)
        {
            received = null;
            AuthenticatedContent content;
            if (message.WireFormat == WireFormat.PublicMessage)
            {
                PublicMessage pm = message.Public!;
                MlsError error = CheckGroupAndEpoch(pm.Content.GroupId, pm.Content.Epoch);
                if (error != MlsError.None)
                {
                    return error;
                }

                if (pm.Content.ContentType == ContentType.Application)
                {
                    return MlsError.InvalidValue;
                }

                byte[]? signatureKey = SignatureKeyFor(pm.Content);
                if (signatureKey is null)
                {
                    return MlsError.BadSender;
                }

                error = Framing.VerifyPublic(pm, _contextBytes, _secrets.MembershipKey, signatureKey);
                if (error != MlsError.None)
                {
                    return error;
                }

                content = pm.ToAuthenticated();
            }
            else if (message.WireFormat == WireFormat.PrivateMessage)
            {
                PrivateMessage pm = message.Private!;
                MlsError error = CheckGroupAndEpoch(pm.GroupId, pm.Epoch);
                if (error != MlsError.None)
                {
                    return error;
                }

                error = Framing.Decrypt(pm, _secretTree, _secrets.SenderDataSecret, out content);
                if (error != MlsError.None)
                {
                    return error;
                }

                LeafNode? sender = _tree.Leaf(content.Content.Sender.Index);
                if (sender is null)
                {
                    return MlsError.BadSender;
                }

                if (!content.VerifySignature(sender.SignatureKey, _contextBytes))
                {
                    return MlsError.BadSignature;
                }
            }
            else
            {
                return MlsError.InvalidValue;
            }

            FramedContent framed = content.Content;
            switch (framed.ContentType)
            {
                case ContentType.Application:
                    received = new Received { Kind = ReceivedKind.Application, Sender = framed.Sender.Index, SenderType = framed.Sender.Type, ApplicationData = framed.ApplicationData, AuthenticatedData = framed.AuthenticatedData };
                    return MlsError.None;
                case ContentType.Proposal:
                    {
                        if (_proposals.Count >= MaxCachedProposals)
                        {
                            DroppedProposals++;
                            return MlsError.TooLarge;
                        }

                        if (framed.Sender.Type == Sender.NewMemberCommit || (framed.Sender.Type == Sender.NewMemberProposal && framed.Proposal!.Type != Proposal.Add))
                        {
                            return MlsError.BadSender;
                        }

                        _proposals[Convert.ToHexString(content.ProposalReference())] = (framed.Proposal!, framed.Sender);
                        received = new Received { Kind = ReceivedKind.Proposal, Sender = framed.Sender.Index, SenderType = framed.Sender.Type };
                        return MlsError.None;
                    }

                default:
                    {
                        MlsError error = ApplyCommit(content, out bool removed);
                        if (error == MlsError.None)
                        {
                            received = new Received { Kind = ReceivedKind.Commit, Sender = framed.Sender.Index, SenderType = framed.Sender.Type, RemovedSelf = removed };
                        }

                        return error;
                    }
            }
        }

        private MlsError CheckGroupAndEpoch(byte[] groupId, ulong epoch)
        {
            if (!groupId.AsSpan().SequenceEqual(_context.GroupId))
            {
                return MlsError.WrongEpoch;
            }

            return epoch == _context.Epoch ? MlsError.None : MlsError.WrongEpoch;
        }

        /// <summary>The key that must have signed a PublicMessage, by sender type.</summary>
        private byte[]? SignatureKeyFor(FramedContent content)
        {
            switch (content.Sender.Type)
            {
                case Sender.Member:
                    return _tree.Leaf(content.Sender.Index)?.SignatureKey;
                case Sender.External:
                    {
                        Extension? ext = Extension.Find(_context.Extensions, Extension.ExternalSenders);
                        if (ext is null)
                        {
                            return null;
                        }

                        TlsReader r = new TlsReader(ext.Data);
                        TlsReader v = r.VarVector();
                        uint i = 0;
                        while (v.Ok && !v.IsEmpty)
                        {
                            byte[] key = v.VarBytesArray();
                            Credential.Read(ref v);
                            if (v.Ok && i == content.Sender.Index)
                            {
                                return key;
                            }

                            i++;
                        }

                        return null;
                    }

                case Sender.NewMemberProposal:
                    return content.ContentType == ContentType.Proposal && content.Proposal!.Type == Proposal.Add ? content.Proposal.KeyPackage!.LeafNode.SignatureKey : null;
                default:
                    return content.ContentType == ContentType.Commit ? content.Commit!.Path?.LeafNode.SignatureKey : null;
            }
        }

        // ---- Commits ----------------------------------------------------------------------------

        private MlsError ResolveProposals(Commit commit, Sender committer, out List<(Proposal Proposal, Sender Sender)> resolved)
        {
            resolved = new List<(Proposal, Sender)>();
            foreach (ProposalOrRef p in commit.Proposals)
            {
                if (p.Kind == ProposalOrRef.ByValue)
                {
                    resolved.Add((p.Proposal!, committer));
                }
                else if (_proposals.TryGetValue(Convert.ToHexString(p.Reference), out (Proposal Proposal, Sender Sender) cached))
                {
                    resolved.Add(cached);
                }
                else
                {
                    return MlsError.NotFound;
                }
            }

            return MlsError.None;
        }

        /// <summary>The result of applying a commit's proposals to a copy of the tree.</summary>
        private sealed class Applied
        {
            public RatchetTree Tree { get; init; } = null!;

            public List<Extension> Extensions { get; set; } = new List<Extension>();

            public HashSet<uint> Joiners { get; } = new HashSet<uint>();

            public List<(uint Leaf, KeyPackage KeyPackage)> Added { get; } = new List<(uint, KeyPackage)>();

            public List<PreSharedKeyId> Psks { get; } = new List<PreSharedKeyId>();

            public byte[]? ExternalInitKemOutput { get; set; }

            public bool RemovedSelf { get; set; }

            public bool PathRequired { get; set; }

            /// <summary>Our new leaf private key when the commit applies our own Update proposal.</summary>
            public byte[]? OwnLeafKey { get; set; }
        }

        /// <summary>Applies proposals in the order of RFC 9420 §12.3 to a copy of the tree, validating each.</summary>
        private MlsError ApplyProposals(List<(Proposal Proposal, Sender Sender)> proposals, Sender committer, out Applied applied)
        {
            applied = new Applied { Tree = _tree.Clone(), Extensions = _context.Extensions };
            applied.PathRequired = proposals.Count == 0;
            HashSet<uint> touched = new HashSet<uint>();
            foreach ((Proposal p, Sender s) in proposals)
            {
                if (p.Type is Proposal.Update or Proposal.Remove or Proposal.ExternalInit or Proposal.GroupContextExtensions)
                {
                    applied.PathRequired = true;
                }

                if (p.Type == Proposal.ReInit && proposals.Count != 1)
                {
                    return MlsError.BadProposals;
                }
            }

            foreach ((Proposal p, Sender s) in proposals)
            {
                if (p.Type == Proposal.GroupContextExtensions)
                {
                    applied.Extensions = p.Extensions;
                }
            }

            foreach ((Proposal p, Sender s) in proposals)
            {
                if (p.Type != Proposal.Update)
                {
                    continue;
                }

                if (s.Type != Sender.Member || (committer.Type == Sender.Member && s.Index == committer.Index) || !touched.Add(s.Index))
                {
                    return MlsError.BadProposals;
                }

                LeafNode leaf = p.LeafNode!;
                if (leaf.Source != LeafNode.SourceUpdate || applied.Tree.Leaf(s.Index) is null || !leaf.VerifySignature(_context.GroupId, s.Index))
                {
                    return MlsError.BadProposals;
                }

                applied.Tree.UpdateLeaf(s.Index, leaf);
                if (s.Index == _keys.Leaf)
                {
                    // Our own Update: its private key waits in the pending-update table of this epoch.
                    if (!_pendingUpdates.TryGetValue(Convert.ToHexString(leaf.EncryptionKey), out byte[]? ownKey))
                    {
                        return MlsError.Unsupported;
                    }

                    applied.OwnLeafKey = ownKey;
                }
            }

            foreach ((Proposal p, Sender s) in proposals)
            {
                if (p.Type != Proposal.Remove)
                {
                    continue;
                }

                uint removed = p.Removed;
                if (removed >= applied.Tree.LeafCount || applied.Tree.Leaf(removed) is null || !touched.Add(removed) || (committer.Type == Sender.Member && removed == committer.Index))
                {
                    return MlsError.BadProposals;
                }

                applied.Tree.RemoveLeaf(removed);
                applied.Tree.Truncate();
                if (removed == _keys.Leaf)
                {
                    applied.RemovedSelf = true;
                }
            }

            foreach ((Proposal p, Sender s) in proposals)
            {
                if (p.Type != Proposal.Add)
                {
                    continue;
                }

                KeyPackage kp = p.KeyPackage!;
                MlsError error = kp.Validate();
                if (error != MlsError.None)
                {
                    return MlsError.BadProposals;
                }

                uint leaf = applied.Tree.AddLeaf(kp.LeafNode);
                if (leaf == uint.MaxValue)
                {
                    return MlsError.TooLarge;
                }

                applied.Joiners.Add(leaf);
                applied.Added.Add((leaf, kp));
            }

            foreach ((Proposal p, Sender s) in proposals)
            {
                if (p.Type == Proposal.Psk)
                {
                    applied.Psks.Add(p.PskId!);
                }
                else if (p.Type == Proposal.ExternalInit)
                {
                    if (committer.Type != Sender.NewMemberCommit || applied.ExternalInitKemOutput is not null)
                    {
                        return MlsError.BadProposals;
                    }

                    applied.ExternalInitKemOutput = p.KemOutput;
                }
            }

            if (committer.Type == Sender.NewMemberCommit && applied.ExternalInitKemOutput is null)
            {
                return MlsError.BadProposals;
            }

            return MlsError.None;
        }

        private MlsError ResolvePsks(List<PreSharedKeyId> ids, out byte[] pskSecret)
        {
            pskSecret = Array.Empty<byte>();
            List<byte[]> values = new List<byte[]>();
            foreach (PreSharedKeyId id in ids)
            {
                if (id.Type == PreSharedKeyId.External)
                {
                    if (!_psks.TryGet(id.PskId, out byte[] value))
                    {
                        return MlsError.NotFound;
                    }

                    values.Add(value);
                }
                else
                {
                    if (!id.PskGroupId.AsSpan().SequenceEqual(_context.GroupId))
                    {
                        return MlsError.NotFound;
                    }

                    if (id.PskEpoch == _context.Epoch)
                    {
                        values.Add(_secrets.ResumptionPsk);
                    }
                    else if (_resumption.TryGetValue(id.PskEpoch, out byte[]? old))
                    {
                        values.Add(old);
                    }
                    else
                    {
                        return MlsError.NotFound;
                    }
                }
            }

            pskSecret = PskSecret.Compute(ids, values);
            return MlsError.None;
        }

        private MlsError ApplyCommit(AuthenticatedContent content, out bool removedSelf)
        {
            removedSelf = false;
            Commit commit = content.Content.Commit!;
            Sender committer = content.Content.Sender;
            if (committer.Type == Sender.External || committer.Type == Sender.NewMemberProposal)
            {
                return MlsError.BadSender;
            }

            if (committer.Type == Sender.Member && committer.Index == _keys.Leaf)
            {
                // Our own commits are applied from the pending state that created them.
                return MlsError.BadSender;
            }

            MlsError error = ResolveProposals(commit, committer, out List<(Proposal Proposal, Sender Sender)> proposals);
            if (error != MlsError.None)
            {
                return error;
            }

            error = ApplyProposals(proposals, committer, out Applied applied);
            if (error != MlsError.None)
            {
                return error;
            }

            if (applied.PathRequired && commit.Path is null)
            {
                return MlsError.BadProposals;
            }

            error = ResolvePsks(applied.Psks, out byte[] pskSecret);
            if (error != MlsError.None)
            {
                return error;
            }

            RatchetTree tree = applied.Tree;
            PathKeys keys = _keys.Clone();
            keys.Prune(tree);
            if (applied.OwnLeafKey is not null)
            {
                keys.Set(2 * _keys.Leaf, (byte[])applied.OwnLeafKey.Clone());
            }

            byte[] commitSecret = new byte[Suite.Nh];
            if (commit.Path is not null && !applied.RemovedSelf)
            {
                uint senderLeaf = committer.Index;
                if (committer.Type == Sender.NewMemberCommit)
                {
                    senderLeaf = tree.AddLeaf(commit.Path.LeafNode);
                    if (senderLeaf == uint.MaxValue)
                    {
                        keys.Dispose();
                        return MlsError.TooLarge;
                    }
                }

                error = TreeKem.MergePublic(tree, senderLeaf, commit.Path, _context.GroupId);
                if (error != MlsError.None)
                {
                    keys.Dispose();
                    return error;
                }

                keys.Prune(tree);
                byte[] provisional = _context.With(_context.Epoch + 1, tree.RootHash(), _context.ConfirmedTranscriptHash, applied.Extensions).Encode();
                error = TreeKem.DecryptPath(tree, senderLeaf, commit.Path, keys, applied.Joiners, provisional, out commitSecret, out byte[] used);
                CryptographicOperations.ZeroMemory(used);
                if (error != MlsError.None)
                {
                    keys.Dispose();
                    return error;
                }
            }

            if (applied.RemovedSelf)
            {
                keys.Dispose();
                removedSelf = true;
                return MlsError.None;
            }

            byte[] confirmed = TranscriptHash.Confirmed(_interim, content);
            GroupContext next = _context.With(_context.Epoch + 1, tree.RootHash(), confirmed, applied.Extensions);
            byte[] nextBytes = next.Encode();
            byte[] initSecret = _secrets.InitSecret;
            bool externalInit = applied.ExternalInitKemOutput is not null;
            if (externalInit)
            {
                byte[] externalPrivate = _secrets.ExternalPrivateKey();
                error = Hpke.ReceiveExport(externalPrivate, applied.ExternalInitKemOutput!, default, "MLS 1.0 external init secret"u8, Suite.Nh, out initSecret);
                CryptographicOperations.ZeroMemory(externalPrivate);
                if (error != MlsError.None)
                {
                    keys.Dispose();
                    return error;
                }
            }

            EpochSecrets secrets = EpochSecrets.Next(initSecret, commitSecret, pskSecret, nextBytes);
            if (externalInit)
            {
                CryptographicOperations.ZeroMemory(initSecret);
            }

            CryptographicOperations.ZeroMemory(commitSecret);
            if (!Suite.VerifyMac(secrets.ConfirmationKey, confirmed, content.Auth.ConfirmationTag))
            {
                secrets.Dispose();
                keys.Dispose();
                return MlsError.BadMac;
            }

            Advance(next, nextBytes, tree, keys, secrets, TranscriptHash.Interim(confirmed, content.Auth.ConfirmationTag));
            return MlsError.None;
        }

        /// <summary>Moves to the next epoch and erases the old one's secrets.</summary>
        private void Advance(GroupContext context, byte[] contextBytes, RatchetTree tree, PathKeys keys, EpochSecrets secrets, byte[] interim)
        {
            // A commit of ours that lost the epoch can never apply now.
            _pending?.Dispose();
            _pending = null;
            _resumption[_context.Epoch] = (byte[])_secrets.ResumptionPsk.Clone();
            if (_resumption.Count > MaxResumptionEpochs)
            {
                ulong oldest = ulong.MaxValue;
                foreach (ulong e in _resumption.Keys)
                {
                    oldest = Math.Min(oldest, e);
                }

                if (_resumption.Remove(oldest, out byte[]? dropped))
                {
                    CryptographicOperations.ZeroMemory(dropped);
                }
            }

            _secretTree.Dispose();
            _secrets.Dispose();
            _keys.Dispose();
            _proposals.Clear();
            ClearPendingUpdates();
            _context = context;
            _contextBytes = contextBytes;
            _tree = tree;
            _keys = keys;
            _secrets = secrets;
            _secretTree = new SecretTree(secrets.EncryptionSecret, tree.LeafCount);
            _interim = interim;
        }

        public void Dispose()
        {
            ClearPendingUpdates();
            _pending?.Dispose();
            _signingKey?.Dispose();
            _secretTree.Dispose();
            _secrets.Dispose();
            _keys.Dispose();
            CryptographicOperations.ZeroMemory(_signaturePrivate);
            foreach (byte[] r in _resumption.Values)
            {
                CryptographicOperations.ZeroMemory(r);
            }

            _resumption.Clear();
        }
    }
}
