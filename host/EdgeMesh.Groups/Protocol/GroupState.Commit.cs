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
    /// <summary>The committer half of a member: creating groups, proposals, commits, Welcomes and application messages.</summary>
    internal sealed partial class GroupState
    {
        /// <summary>Padding added to every PrivateMessage, to blur content lengths a little.</summary>
        public int Padding { get; set; }

        /// <summary>Whether commits and proposals go out as PrivateMessage (default) or PublicMessage.</summary>
        public bool EncryptHandshake { get; set; } = true;

        private PendingCommit? _pending;
        private NSec.Cryptography.Key? _signingKey;

        /// <summary>The signature key imported once into NSec's secure memory (importing per message costs a scalar multiplication).</summary>
        private NSec.Cryptography.Key SigningKey => _signingKey ??= NSec.Cryptography.Key.Import(Suite.Ed25519, _signaturePrivate, NSec.Cryptography.KeyBlobFormat.RawPrivateKey);

        /// <summary>Creates a one-member group at epoch 0 (RFC 9420 §11).</summary>
        public static GroupState Create(byte[] groupId, KeyPackageBundle creator, List<Extension>? extensions, PskStore psks)
        {
            LeafNode leaf = creator.KeyPackage.LeafNode;
            RatchetTree tree = RatchetTree.WithOneLeaf(leaf);
            GroupContext context = new GroupContext
            {
                GroupId = groupId,
                Epoch = 0,
                TreeHash = tree.RootHash(),
                ConfirmedTranscriptHash = Array.Empty<byte>(),
                Extensions = extensions ?? new List<Extension>(),
            };
            byte[] contextBytes = context.Encode();
            byte[] init = RandomNumberGenerator.GetBytes(Suite.Nh);
            EpochSecrets secrets = EpochSecrets.Next(init, new byte[Suite.Nh], new byte[Suite.Nh], contextBytes);
            CryptographicOperations.ZeroMemory(init);
            byte[] tag = Suite.Mac(secrets.ConfirmationKey, Array.Empty<byte>());
            PathKeys keys = new PathKeys(0);
            keys.Set(0, (byte[])creator.EncryptionPrivate.Clone());
            return new GroupState(context, tree, keys, secrets, TranscriptHash.Interim(Array.Empty<byte>(), tag), (byte[])creator.SignaturePrivate.Clone(), psks);
        }

        private FramedContent NewContent(byte contentType)
            => new FramedContent
            {
                GroupId = _context.GroupId,
                Epoch = _context.Epoch,
                Sender = new Sender(Sender.Member, _keys.Leaf),
                ContentType = contentType,
            };

        private byte[] Wrap(FramedContent content, FramedContentAuthData auth, bool encrypt)
        {
            MlsMessage message = new MlsMessage();
            if (encrypt)
            {
                message.WireFormat = WireFormat.PrivateMessage;
                message.Private = Framing.Encrypt(content, auth, _secretTree, _secrets.SenderDataSecret, Padding);
            }
            else
            {
                PublicMessage pm = new PublicMessage { Content = content, Auth = auth };
                pm.MembershipTag = Suite.Mac(_secrets.MembershipKey, pm.ToBeMaced(_contextBytes));
                message.WireFormat = WireFormat.PublicMessage;
                message.Public = pm;
            }

            return message.Encode();
        }

        /// <summary>Encrypts application data for the group (a PrivateMessage, signed by us).</summary>
        public byte[] EncryptApplication(ReadOnlySpan<byte> data, ReadOnlySpan<byte> authenticatedData)
        {
            FramedContent content = NewContent(ContentType.Application);
            content.ApplicationData = data.ToArray();
            content.AuthenticatedData = authenticatedData.ToArray();
            FramedContentAuthData auth = new FramedContentAuthData { Signature = Framing.Sign(SigningKey, WireFormat.PrivateMessage, content, _contextBytes) };
            return Wrap(content, auth, true);
        }

        /// <summary>Sends a proposal; it is also cached here so our own later commit can include it by reference.</summary>
        public byte[] Propose(Proposal proposal)
        {
            FramedContent content = NewContent(ContentType.Proposal);
            content.Proposal = proposal;
            ushort wire = EncryptHandshake ? WireFormat.PrivateMessage : WireFormat.PublicMessage;
            FramedContentAuthData auth = new FramedContentAuthData { Signature = Framing.Sign(SigningKey, wire, content, _contextBytes) };
            AuthenticatedContent ac = new AuthenticatedContent(wire, content, auth);
            _proposals[Convert.ToHexString(ac.ProposalReference())] = (proposal, content.Sender);
            return Wrap(content, auth, EncryptHandshake);
        }

        /// <summary>Own Update proposals outstanding in one epoch; more are refused.</summary>
        public const int MaxPendingUpdates = 4;

        /// <summary>
        /// Proposes replacing our leaf with a fresh encryption key (an Update). Another member must
        /// commit it; its private key is kept until the epoch ends.
        /// </summary>
        public MlsError ProposeUpdate(out byte[] message)
        {
            message = Array.Empty<byte>();
            if (_pendingUpdates.Count >= MaxPendingUpdates)
            {
                return MlsError.TooLarge;
            }

            byte[] priv = Hpke.DeriveKeyPair(RandomNumberGenerator.GetBytes(32), out byte[] pub);
            LeafNode leaf = _tree.Leaf(_keys.Leaf)!.Clone();
            leaf.EncryptionKey = pub;
            leaf.Source = LeafNode.SourceUpdate;
            leaf.ParentHash = Array.Empty<byte>();
            leaf.Sign(_signaturePrivate, _context.GroupId, _keys.Leaf);
            _pendingUpdates[Convert.ToHexString(pub)] = priv;
            message = Propose(new Proposal { Type = Proposal.Update, LeafNode = leaf });
            return MlsError.None;
        }

        private void ClearPendingUpdates()
        {
            foreach (byte[] k in _pendingUpdates.Values)
            {
                CryptographicOperations.ZeroMemory(k);
            }

            _pendingUpdates.Clear();
        }

        public static Proposal AddProposal(KeyPackage keyPackage) => new Proposal { Type = Proposal.Add, KeyPackage = keyPackage };

        public static Proposal RemoveProposal(uint leaf) => new Proposal { Type = Proposal.Remove, Removed = leaf };

        /// <summary>Leaf index of the member whose credential identity is <paramref name="identity"/>, or null.</summary>
        public uint? FindMember(ReadOnlySpan<byte> identity)
        {
            for (uint i = 0; i < _tree.LeafCount; i++)
            {
                LeafNode? leaf = _tree.Leaf(i);
                if (leaf is not null && leaf.Credential.Identity.AsSpan().SequenceEqual(identity))
                {
                    return i;
                }
            }

            return null;
        }

        /// <summary>
        /// Creates a commit over <paramref name="byValue"/> and every cached proposal (by reference),
        /// with an UpdatePath when <paramref name="withPath"/> (always when the rules require one).
        /// The group does not move until <see cref="MergePending"/>.
        /// </summary>
        public MlsError CreateCommit(List<Proposal> byValue, bool withPath, out PendingCommit? pending)
        {
            pending = null;
            if (_pending is not null)
            {
                return MlsError.InvalidValue;
            }

            Sender me = new Sender(Sender.Member, _keys.Leaf);
            Commit commit = new Commit();
            List<(Proposal Proposal, Sender Sender)> proposals = new List<(Proposal, Sender)>();
            foreach (KeyValuePair<string, (Proposal Proposal, Sender Sender)> kv in _proposals)
            {
                if (kv.Value.Proposal.Type == Proposal.Update && kv.Value.Sender.Index == _keys.Leaf)
                {
                    continue;
                }

                commit.Proposals.Add(new ProposalOrRef { Kind = ProposalOrRef.ByReference, Reference = Convert.FromHexString(kv.Key) });
                proposals.Add(kv.Value);
            }

            foreach (Proposal p in byValue)
            {
                commit.Proposals.Add(new ProposalOrRef { Kind = ProposalOrRef.ByValue, Proposal = p });
                proposals.Add((p, me));
            }

            MlsError error = ApplyProposals(proposals, me, out Applied applied);
            if (error != MlsError.None)
            {
                return error;
            }

            if (applied.RemovedSelf)
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
            byte[] commitSecret = new byte[Suite.Nh];
            List<(uint Node, byte[] PathSecret)> pathSecrets = new List<(uint, byte[])>();
            if (withPath || applied.PathRequired)
            {
                LeafNode template = _tree.Leaf(_keys.Leaf)!;
                GroupContext current = _context;
                List<Extension> extensions = applied.Extensions;
                commit.Path = TreeKem.Create(
                    tree,
                    _keys.Leaf,
                    template,
                    _signaturePrivate,
                    _context.GroupId,
                    applied.Joiners,
                    h => current.With(current.Epoch + 1, h, current.ConfirmedTranscriptHash, extensions).Encode(),
                    keys,
                    out commitSecret,
                    out pathSecrets);
            }

            FramedContent content = NewContent(ContentType.Commit);
            content.Commit = commit;
            ushort wire = EncryptHandshake ? WireFormat.PrivateMessage : WireFormat.PublicMessage;
            FramedContentAuthData auth = new FramedContentAuthData { Signature = Framing.Sign(SigningKey, wire, content, _contextBytes) };
            AuthenticatedContent ac = new AuthenticatedContent(wire, content, auth);
            byte[] confirmed = TranscriptHash.Confirmed(_interim, ac);
            GroupContext next = _context.With(_context.Epoch + 1, tree.RootHash(), confirmed, applied.Extensions);
            byte[] nextBytes = next.Encode();
            EpochSecrets secrets = EpochSecrets.Next(_secrets.InitSecret, commitSecret, pskSecret, nextBytes);
            auth.ConfirmationTag = Suite.Mac(secrets.ConfirmationKey, confirmed);
            byte[] message = Wrap(content, auth, EncryptHandshake);

            byte[]? welcome = null;
            if (applied.Added.Count > 0)
            {
                welcome = BuildWelcome(next, tree, secrets, auth.ConfirmationTag, applied.Added, pathSecrets, applied.Psks, pskSecret);
            }

            foreach ((_, byte[] ps) in pathSecrets)
            {
                CryptographicOperations.ZeroMemory(ps);
            }

            CryptographicOperations.ZeroMemory(commitSecret);
            pending = new PendingCommit(message, welcome, next, nextBytes, tree, keys, secrets, TranscriptHash.Interim(confirmed, auth.ConfirmationTag));
            _pending = pending;
            return MlsError.None;
        }

        private byte[] BuildWelcome(GroupContext next, RatchetTree tree, EpochSecrets secrets, byte[] confirmationTag, List<(uint Leaf, KeyPackage KeyPackage)> added, List<(uint Node, byte[] PathSecret)> pathSecrets, List<PreSharedKeyId> psks, byte[] pskSecret)
        {
            GroupInfo info = new GroupInfo
            {
                GroupContext = next,
                Extensions = new List<Extension> { new Extension(Extension.RatchetTree, tree.Encode()) },
                ConfirmationTag = confirmationTag,
                Signer = _keys.Leaf,
            };
            info.Sign(_signaturePrivate);
            byte[] welcomeSecret = EpochSecrets.DeriveWelcome(secrets.JoinerSecret, pskSecret);
            byte[] key = Suite.ExpandWithLabel(welcomeSecret, "key", default, Suite.Nk);
            byte[] nonce = Suite.ExpandWithLabel(welcomeSecret, "nonce", default, Suite.Nn);
            CryptographicOperations.ZeroMemory(welcomeSecret);
            Welcome welcome = new Welcome { EncryptedGroupInfo = Suite.AeadSeal(key, nonce, default, info.Encode()) };
            CryptographicOperations.ZeroMemory(key);
            foreach ((uint leaf, KeyPackage kp) in added)
            {
                using GroupSecrets gs = new GroupSecrets { JoinerSecret = (byte[])secrets.JoinerSecret.Clone(), Psks = psks };
                if (pathSecrets.Count > 0)
                {
                    uint ancestor = TreeMath.CommonAncestor(2 * leaf, 2 * _keys.Leaf);
                    foreach ((uint node, byte[] ps) in pathSecrets)
                    {
                        if (node == ancestor)
                        {
                            gs.PathSecret = (byte[])ps.Clone();
                        }
                    }
                }

                TlsWriter w = new TlsWriter(128);
                gs.Write(w);
                welcome.Secrets.Add(new EncryptedGroupSecrets(kp.Reference(), Suite.EncryptWithLabel(kp.InitKey, "Welcome", welcome.EncryptedGroupInfo, w.Written)));
                w.Clear();
            }

            return new MlsMessage { WireFormat = WireFormat.Welcome, Welcome = welcome }.Encode();
        }

        /// <summary>Applies our pending commit (the group accepted it).</summary>
        public MlsError MergePending()
        {
            PendingCommit? p = _pending;
            if (p is null || p.Consumed)
            {
                return MlsError.NotFound;
            }

            p.Consumed = true;
            _pending = null;
            Advance(p.Context, p.ContextBytes, p.Tree, p.Keys, p.Secrets, p.Interim);
            return MlsError.None;
        }

        /// <summary>Drops our pending commit (another commit won the epoch).</summary>
        public void DiscardPending()
        {
            _pending?.Dispose();
            _pending = null;
        }
    }
}
