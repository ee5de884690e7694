//! A green tree builder with the interface of `rowan::GreenNodeBuilder`, but
//! with bounded caches instead of rowan's `NodeCache`.
//!
//! rowan interns every token, and every node of up to three children, in hash
//! maps that grow with the file; on a 5 MB configuration their lookups and
//! rehashes took more than half of the parse time. Here the caches are small
//! direct-mapped tables, and an element is shared from the second time it is
//! seen: indentation, newlines, quotes, keywords and the words made of them
//! still share one allocation, while names seen once are allocated once and
//! do not evict them. Tokens longer than 16 bytes and nodes with more than
//! three children are never shared.

use rowan::{GreenNode, GreenNodeData, GreenToken, GreenTokenData, NodeOrToken, SyntaxKind};

type Element = NodeOrToken<GreenNode, GreenToken>;

/// Tokens longer than this are not looked up in the cache.
const MAX_CACHED_LEN: usize = 16;
/// Nodes with more children than this are not looked up in the cache.
const MAX_CACHED_CHILDREN: usize = 3;
/// Most slots of each cache, a power of two.
const MAX_CACHE_SLOTS: usize = 2048;
/// Fewest slots of each cache, a power of two.
const MIN_CACHE_SLOTS: usize = 64;
/// About one slot per this many bytes of input: filling 2048 slots took
/// longer than parsing a small file, which is most files of a directory.
const BYTES_PER_SLOT: usize = 32;

/// A position in the children of the current node, for `start_node_at`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Checkpoint(usize);

#[derive(Debug)]
pub(crate) struct TreeBuilder {
    parents: Vec<(SyntaxKind, usize)>,
    /// Children of the open nodes, with their hash; 0 marks an element that
    /// is never shared, so nodes containing it are not shared either.
    children: Vec<(u64, Element)>,
    /// Direct-mapped caches, indexed by hash. The hash is kept next to the
    /// element so that a lookup only reads the element on a likely hit.
    tokens: Vec<(u64, Option<GreenToken>)>,
    nodes: Vec<(u64, Option<GreenNode>)>,
    /// Hashes of elements seen once and not cached: an element enters a cache
    /// the second time it is seen, so unique names do not evict shared ones.
    seen_tokens: Vec<u64>,
    seen_nodes: Vec<u64>,
    /// The number of slots minus one: a slot index is `hash & mask`.
    mask: usize,
}

impl TreeBuilder {
    /// A builder for about `input_len` bytes of text, its caches sized
    /// for it.
    pub(crate) fn for_input(input_len: usize) -> Self {
        let slots = (input_len / BYTES_PER_SLOT)
            .next_power_of_two()
            .clamp(MIN_CACHE_SLOTS, MAX_CACHE_SLOTS);
        Self {
            parents: Vec::new(),
            children: Vec::new(),
            tokens: vec![(0, None); slots],
            nodes: vec![(0, None); slots],
            seen_tokens: vec![0; slots],
            seen_nodes: vec![0; slots],
            mask: slots - 1,
        }
    }

    fn slot_of(&self, hash: u64) -> usize {
        (hash >> 40) as usize & self.mask
    }

    pub(crate) fn token(&mut self, kind: SyntaxKind, text: &str) {
        if text.len() > MAX_CACHED_LEN {
            self.children
                .push((0, NodeOrToken::Token(GreenToken::new(kind, text))));
            return;
        }
        let hash = token_hash(kind, text);
        let index = self.slot_of(hash);
        let (slot_hash, slot) = &mut self.tokens[index];
        let token = match slot {
            Some(token) if *slot_hash == hash && token.kind() == kind && token.text() == text => {
                token.clone()
            }
            _ if self.seen_tokens[index] == hash => {
                *slot_hash = hash;
                slot.insert(GreenToken::new(kind, text)).clone()
            }
            _ => {
                self.seen_tokens[index] = hash;
                GreenToken::new(kind, text)
            }
        };
        self.children.push((hash, NodeOrToken::Token(token)));
    }

    pub(crate) fn start_node(&mut self, kind: SyntaxKind) {
        self.parents.push((kind, self.children.len()));
    }

    pub(crate) fn finish_node(&mut self) {
        let (kind, first_child) = self
            .parents
            .pop()
            .expect("finish_node without a matching start_node");
        let element = self.node(kind, first_child);
        self.children.push(element);
    }

    /// Builds the node from the children after `first_child`, reusing an
    /// identical one from the cache when every child is itself shared.
    fn node(&mut self, kind: SyntaxKind, first_child: usize) -> (u64, Element) {
        let children = &self.children[first_child..];
        let cacheable =
            children.len() <= MAX_CACHED_CHILDREN && children.iter().all(|&(hash, _)| hash != 0);
        if !cacheable {
            let node = GreenNode::new(kind, self.children.drain(first_child..).map(|(_, it)| it));
            return (0, NodeOrToken::Node(node));
        }
        let mut hash = mix(u64::from(kind.0), children.len() as u64);
        for &(child, _) in children {
            hash = mix(hash, child);
        }
        let hash = hash | 1;
        let index = self.slot_of(hash);
        let (slot_hash, slot) = &mut self.nodes[index];
        let node = match slot {
            Some(node)
                if *slot_hash == hash && node.kind() == kind && same_children(node, children) =>
            {
                let node = node.clone();
                self.children.truncate(first_child);
                node
            }
            _ if self.seen_nodes[index] == hash => {
                *slot_hash = hash;
                slot.insert(GreenNode::new(
                    kind,
                    self.children.drain(first_child..).map(|(_, it)| it),
                ))
                .clone()
            }
            _ => {
                self.seen_nodes[index] = hash;
                GreenNode::new(kind, self.children.drain(first_child..).map(|(_, it)| it))
            }
        };
        (hash, NodeOrToken::Node(node))
    }

    pub(crate) fn checkpoint(&self) -> Checkpoint {
        Checkpoint(self.children.len())
    }

    /// Wraps the children added since `checkpoint` in a new node, which
    /// stays open.
    pub(crate) fn start_node_at(&mut self, checkpoint: Checkpoint, kind: SyntaxKind) {
        let Checkpoint(checkpoint) = checkpoint;
        assert!(
            checkpoint <= self.children.len(),
            "checkpoint no longer valid, was finish_node called early?"
        );
        if let Some(&(_, first_child)) = self.parents.last() {
            assert!(
                checkpoint >= first_child,
                "checkpoint no longer valid, was an unmatched start_node_at called?"
            );
        }
        self.parents.push((kind, checkpoint));
    }

    /// The root node; every started node must have been finished.
    pub(crate) fn finish(mut self) -> GreenNode {
        assert!(self.parents.is_empty(), "unfinished nodes");
        assert_eq!(self.children.len(), 1, "the tree needs exactly one root");
        match self.children.pop() {
            Some((_, NodeOrToken::Node(node))) => node,
            _ => panic!("the root of the tree must be a node"),
        }
    }
}

/// Whether `node` has exactly these children (the same allocations).
fn same_children(node: &GreenNodeData, children: &[(u64, Element)]) -> bool {
    node.children().len() == children.len()
        && node
            .children()
            .zip(children)
            .all(|(old, (_, new))| match (old, new) {
                (NodeOrToken::Node(old), NodeOrToken::Node(new)) => {
                    std::ptr::eq::<GreenNodeData>(old, &raw const **new)
                }
                (NodeOrToken::Token(old), NodeOrToken::Token(new)) => {
                    std::ptr::eq::<GreenTokenData>(old, &raw const **new)
                }
                _ => false,
            })
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(SEED)
}

/// A hash of a token of at most 16 bytes (`MAX_CACHED_LEN`); never 0.
fn token_hash(kind: SyntaxKind, text: &str) -> u64 {
    let bytes = text.as_bytes();
    let len = bytes.len();
    // Two overlapping loads cover every byte without a loop.
    let (head, tail) = if len >= 8 {
        (load_u64(&bytes[..8]), load_u64(&bytes[len - 8..]))
    } else if len >= 4 {
        (
            u64::from(load_u32(&bytes[..4])),
            u64::from(load_u32(&bytes[len - 4..])),
        )
    } else if len > 0 {
        let spread =
            u64::from(bytes[0]) | u64::from(bytes[len / 2]) << 8 | u64::from(bytes[len - 1]) << 16;
        (spread, 0)
    } else {
        (0, 0)
    };
    let hash = mix(u64::from(kind.0) << 32 | len as u64, head);
    mix(hash, tail) | 1
}

fn load_u64(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(bytes);
    u64::from_le_bytes(word)
}

fn load_u32(bytes: &[u8]) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(bytes);
    u32::from_le_bytes(word)
}
