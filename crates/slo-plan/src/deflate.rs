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

// Native only: they check against miniz_oxide, a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
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

/// Why a DEFLATE stream could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// Not a valid stream (truncated, altered, or not DEFLATE at all).
    Malformed,
    /// It would unpack to more than the limit.
    TooLarge,
}

/// Reads bits least-significant first.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
    buffer: u64,
    count: u32,
}

impl Reader<'_> {
    fn bits(&mut self, n: u32) -> Result<u32, InflateError> {
        while self.count < n {
            let byte = *self.data.get(self.at).ok_or(InflateError::Malformed)?;
            self.at += 1;
            self.buffer |= u64::from(byte) << self.count;
            self.count += 8;
        }
        let value = (self.buffer & ((1u64 << n) - 1)) as u32;
        self.buffer >>= n;
        self.count -= n;
        Ok(value)
    }
}

/// A canonical Huffman code: how many codes of each length, and the symbols in order.
struct Huffman {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Huffman {
    /// Builds the code from code lengths; refuses over-subscribed codes.
    fn new(lengths: &[u8]) -> Result<Self, InflateError> {
        let mut counts = [0u16; 16];
        for &l in lengths {
            counts[usize::from(l)] += 1;
        }
        counts[0] = 0;
        let mut left: i32 = 1;
        for &c in &counts[1..] {
            left = (left << 1) - i32::from(c);
            if left < 0 {
                return Err(InflateError::Malformed);
            }
        }
        let mut offsets = [0u16; 16];
        for len in 1..15 {
            offsets[len + 1] = offsets[len] + counts[len];
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (symbol, &l) in lengths.iter().enumerate() {
            if l != 0 {
                symbols[usize::from(offsets[usize::from(l)])] = symbol as u16;
                offsets[usize::from(l)] += 1;
            }
        }
        Ok(Huffman { counts, symbols })
    }

    /// Decodes one symbol, a bit at a time (links are small; clarity wins).
    fn decode(&self, reader: &mut Reader<'_>) -> Result<u16, InflateError> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= reader.bits(1)? as i32;
            let count = i32::from(self.counts[len]);
            if code - count < first {
                return self
                    .symbols
                    .get((index + code - first) as usize)
                    .copied()
                    .ok_or(InflateError::Malformed);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(InflateError::Malformed)
    }
}

/// The order in which code-length code lengths are stored (RFC 1951 §3.2.7).
const CODE_LENGTH_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

fn fixed_codes() -> Result<(Huffman, Huffman), InflateError> {
    let mut lengths = [0u8; 288];
    for (i, l) in lengths.iter_mut().enumerate() {
        *l = match i {
            0..=143 => 8,
            144..=255 => 9,
            256..=279 => 7,
            _ => 8,
        };
    }
    Ok((Huffman::new(&lengths)?, Huffman::new(&[5u8; 30])?))
}

fn dynamic_codes(reader: &mut Reader<'_>) -> Result<(Huffman, Huffman), InflateError> {
    let literals = reader.bits(5)? as usize + 257;
    let distances = reader.bits(5)? as usize + 1;
    let code_lengths = reader.bits(4)? as usize + 4;
    if literals > 286 || distances > 30 {
        return Err(InflateError::Malformed);
    }
    let mut order = [0u8; 19];
    for &slot in CODE_LENGTH_ORDER.iter().take(code_lengths) {
        order[slot] = reader.bits(3)? as u8;
    }
    let lencode = Huffman::new(&order)?;
    let mut lengths = vec![0u8; literals + distances];
    let mut i = 0;
    while i < lengths.len() {
        let symbol = lencode.decode(reader)?;
        let (value, repeat) = match symbol {
            0..=15 => (symbol as u8, 1),
            16 => (
                *lengths.get(i.wrapping_sub(1)).ok_or(InflateError::Malformed)?,
                3 + reader.bits(2)?,
            ),
            17 => (0, 3 + reader.bits(3)?),
            _ => (0, 11 + reader.bits(7)?),
        };
        for _ in 0..repeat {
            *lengths.get_mut(i).ok_or(InflateError::Malformed)? = value;
            i += 1;
        }
    }
    if lengths[256] == 0 {
        return Err(InflateError::Malformed);
    }
    Ok((
        Huffman::new(&lengths[..literals])?,
        Huffman::new(&lengths[literals..])?,
    ))
}

/// Unpacks a raw DEFLATE stream (RFC 1951) into at most `limit` bytes.
///
/// # Errors
/// [`InflateError::Malformed`] for anything that is not a complete, valid stream,
/// [`InflateError::TooLarge`] when the output would pass `limit`.
pub fn decompress(data: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut reader = Reader {
        data,
        at: 0,
        buffer: 0,
        count: 0,
    };
    let mut out: Vec<u8> = Vec::new();
    loop {
        let last = reader.bits(1)? == 1;
        match reader.bits(2)? {
            0 => {
                reader.buffer = 0;
                reader.count = 0;
                let header = data
                    .get(reader.at..reader.at + 4)
                    .ok_or(InflateError::Malformed)?;
                let len = usize::from(u16::from_le_bytes([header[0], header[1]]));
                let check = u16::from_le_bytes([header[2], header[3]]);
                if check != !(len as u16) {
                    return Err(InflateError::Malformed);
                }
                reader.at += 4;
                let block = data
                    .get(reader.at..reader.at + len)
                    .ok_or(InflateError::Malformed)?;
                if out.len() + len > limit {
                    return Err(InflateError::TooLarge);
                }
                out.extend_from_slice(block);
                reader.at += len;
            }
            kind @ (1 | 2) => {
                let (literals, distances) = if kind == 1 {
                    fixed_codes()?
                } else {
                    dynamic_codes(&mut reader)?
                };
                loop {
                    let symbol = literals.decode(&mut reader)?;
                    match symbol {
                        0..=255 => {
                            if out.len() >= limit {
                                return Err(InflateError::TooLarge);
                            }
                            out.push(symbol as u8);
                        }
                        256 => break,
                        _ => {
                            let (base, extra) = *LENGTHS
                                .get(usize::from(symbol - 257))
                                .ok_or(InflateError::Malformed)?;
                            let length = usize::from(base) + reader.bits(u32::from(extra))? as usize;
                            let code = distances.decode(&mut reader)?;
                            let (base, extra) =
                                *DISTANCES.get(usize::from(code)).ok_or(InflateError::Malformed)?;
                            let distance = usize::from(base) + reader.bits(u32::from(extra))? as usize;
                            if distance > out.len() {
                                return Err(InflateError::Malformed);
                            }
                            if out.len() + length > limit {
                                return Err(InflateError::TooLarge);
                            }
                            let start = out.len() - distance;
                            for k in 0..length {
                                out.push(out[start + k]);
                            }
                        }
                    }
                }
            }
            _ => return Err(InflateError::Malformed),
        }
        if last {
            return Ok(out);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod inflate_tests {
    use super::*;

    #[test]
    fn reads_its_own_streams() {
        let text = "{\"service\":\"my-service\",\"target_percent\":99.9}".repeat(20);
        assert_eq!(
            decompress(&compress(text.as_bytes()), 1 << 20),
            Ok(text.into_bytes())
        );
        assert_eq!(decompress(&compress(b""), 10), Ok(Vec::new()));
    }

    #[test]
    fn reads_streams_of_every_block_type_a_standard_compressor_writes() {
        let data: Vec<u8> = (0..50_000u32)
            .map(|i| ((i * i) % 251) as u8 ^ (i % 7) as u8)
            .collect();
        for level in [0u8, 1, 6, 9] {
            let packed = miniz_oxide::deflate::compress_to_vec(&data, level);
            assert_eq!(
                decompress(&packed, 1 << 20).as_deref(),
                Ok(&data[..]),
                "level {level}"
            );
        }
    }

    #[test]
    fn limits_and_damage_are_reported() {
        let packed = compress(&[b'a'; 10_000]);
        assert_eq!(decompress(&packed, 9_999), Err(InflateError::TooLarge));
        assert_eq!(
            decompress(&packed[..packed.len() / 2], 1 << 20),
            Err(InflateError::Malformed)
        );
        assert_eq!(decompress(&[0xff; 16], 1 << 20), Err(InflateError::Malformed));
        assert_eq!(decompress(&[], 1 << 20), Err(InflateError::Malformed));
    }
}
