//! A small DEFLATE compressor (RFC 1951): one block with the fixed Huffman codes and
//! greedy LZ77 matching over a 32 KiB window.
//!
//! Links only need a compact, standard stream that any inflater reads; plan JSON, with
//! its repeated keys, compresses to within a few percent of zlib's best here, for a
//! fraction of a general-purpose compressor's code size in the wasm download.

/// Base length and extra bits of length codes 257–285 (RFC 1951 §3.2.5).
const LENGTHS: [(u16, u8); 29] = [
    (3, 0),
    (4, 0),
    (5, 0),
    (6, 0),
    (7, 0),
    (8, 0),
    (9, 0),
    (10, 0),
    (11, 1),
    (13, 1),
    (15, 1),
    (17, 1),
    (19, 2),
    (23, 2),
    (27, 2),
    (31, 2),
    (35, 3),
    (43, 3),
    (51, 3),
    (59, 3),
    (67, 4),
    (83, 4),
    (99, 4),
    (115, 4),
    (131, 5),
    (163, 5),
    (195, 5),
    (227, 5),
    (258, 0),
];

/// Base distance and extra bits of distance codes 0–29 (RFC 1951 §3.2.5).
const DISTANCES: [(u16, u8); 30] = [
    (1, 0),
    (2, 0),
    (3, 0),
    (4, 0),
    (5, 1),
    (7, 1),
    (9, 2),
    (13, 2),
    (17, 3),
    (25, 3),
    (33, 4),
    (49, 4),
    (65, 5),
    (97, 5),
    (129, 6),
    (193, 6),
    (257, 7),
    (385, 7),
    (513, 8),
    (769, 8),
    (1025, 9),
    (1537, 9),
    (2049, 10),
    (3073, 10),
    (4097, 11),
    (6145, 11),
    (8193, 12),
    (12289, 12),
    (16385, 13),
    (24577, 13),
];

const WINDOW: usize = 32 * 1024;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
const HASH_BITS: u32 = 12;
/// How many earlier positions with the same hash are tried per match.
const CHAIN: usize = 64;

/// Writes bits least-significant first, as DEFLATE packs them.
struct Bits {
    out: Vec<u8>,
    buffer: u64,
    count: u32,
}

impl Bits {
    fn put(&mut self, value: u32, bits: u32) {
        self.buffer |= u64::from(value) << self.count;
        self.count += bits;
        while self.count >= 8 {
            self.out.push(self.buffer as u8);
            self.buffer >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code, which DEFLATE stores most-significant bit first.
    fn code(&mut self, code: u32, bits: u32) {
        self.put(code.reverse_bits() >> (32 - bits), bits);
    }

    /// A literal/length symbol in the fixed code (RFC 1951 §3.2.6).
    fn symbol(&mut self, symbol: u32) {
        match symbol {
            0..=143 => self.code(0x30 + symbol, 8),
            144..=255 => self.code(0x190 + symbol - 144, 9),
            256..=279 => self.code(symbol - 256, 7),
            _ => self.code(0xC0 + symbol - 280, 8),
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.buffer as u8);
        }
        self.out
    }
}

fn hash(data: &[u8], at: usize) -> usize {
    let v = u32::from(data[at]) << 16 | u32::from(data[at + 1]) << 8 | u32::from(data[at + 2]);
    (v.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
}

fn put_match(bits: &mut Bits, length: usize, distance: usize) {
    let l = LENGTHS
        .iter()
        .rposition(|&(base, _)| usize::from(base) <= length)
        .unwrap_or(0);
    let (base, extra) = LENGTHS[l];
    bits.symbol(257 + l as u32);
    bits.put((length - usize::from(base)) as u32, u32::from(extra));
    let d = DISTANCES
        .iter()
        .rposition(|&(base, _)| usize::from(base) <= distance)
        .unwrap_or(0);
    let (base, extra) = DISTANCES[d];
    bits.code(d as u32, 5);
    bits.put((distance - usize::from(base)) as u32, u32::from(extra));
}

/// Compresses `data` into a raw DEFLATE stream.
pub fn compress(data: &[u8]) -> Vec<u8> {
    let mut bits = Bits {
        out: Vec::with_capacity(data.len() / 2 + 16),
        buffer: 0,
        count: 0,
    };
    bits.put(1, 1); // BFINAL: the only block
    bits.put(1, 2); // BTYPE 01: fixed Huffman codes
    let mut head = vec![usize::MAX; 1 << HASH_BITS];
    let mut previous = vec![usize::MAX; data.len()];
    let mut i = 0;
    let insert = |at: usize, head: &mut Vec<usize>, previous: &mut Vec<usize>| {
        if at + MIN_MATCH <= data.len() {
            let h = hash(data, at);
            previous[at] = head[h];
            head[h] = at;
        }
    };
    while i < data.len() {
        let mut best = (0, 0);
        if i + MIN_MATCH <= data.len() {
            let mut candidate = head[hash(data, i)];
            let limit = (data.len() - i).min(MAX_MATCH);
            for _ in 0..CHAIN {
                if candidate == usize::MAX || i - candidate > WINDOW {
                    break;
                }
                let length = data[candidate..]
                    .iter()
                    .zip(&data[i..i + limit])
                    .take_while(|(a, b)| a == b)
                    .count();
                if length > best.0 {
                    best = (length, i - candidate);
                    if length == limit {
                        break;
                    }
                }
                candidate = previous[candidate];
            }
        }
        if best.0 >= MIN_MATCH {
            put_match(&mut bits, best.0, best.1);
            for at in i..i + best.0 {
                insert(at, &mut head, &mut previous);
            }
            i += best.0;
        } else {
            bits.symbol(u32::from(data[i]));
            insert(i, &mut head, &mut previous);
            i += 1;
        }
    }
    bits.symbol(256); // end of block
    bits.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflate(packed: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec(packed).expect("a valid DEFLATE stream")
    }

    #[test]
    fn round_trips_through_a_standard_inflater() {
        let samples: [&[u8]; 6] = [
            b"",
            b"a",
            b"abcabcabcabcabcabcabcabc",
            &[0u8; 1000],
            b"{\"service\":\"my-service\",\"target_percent\":99.9,\"window\":{\"rolling\":{\"days\":30}}}",
            &(0..=255u8).cycle().take(70_000).collect::<Vec<_>>(),
        ];
        for sample in samples {
            assert_eq!(inflate(&compress(sample)), sample);
        }
    }

    #[test]
    fn repeated_text_shrinks() {
        let json = "{\"label\":\"incident\",\"start\":\"2026-11-15T00:00:00Z\"},".repeat(40);
        let packed = compress(json.as_bytes());
        assert!(
            packed.len() * 10 < json.len(),
            "{} → {}",
            json.len(),
            packed.len()
        );
    }

    #[test]
    fn every_length_and_distance_code_is_reachable() {
        // Matches of every length 3–258 at distances spanning all distance codes.
        let mut data = Vec::new();
        let mut seed = 12_345u32;
        for length in (3..=258).step_by(5) {
            let block: Vec<u8> = (0..length)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (seed >> 16) as u8
                })
                .collect();
            data.extend_from_slice(&block);
            data.extend((0..(length * 97) % 20_000).map(|k| (k % 251) as u8));
            data.extend_from_slice(&block);
        }
        assert_eq!(inflate(&compress(&data)), data);
    }
}
