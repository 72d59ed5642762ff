//! Parallel reading of a path file: the input is cut into blocks at line ends that are
//! not inside a quoted field, the blocks are parsed on every core into path sets of
//! their own, and those are merged in file order. Channels and paths therefore keep
//! their order of first appearance, and the result does not depend on the timing of
//! the threads; memory stays bounded by the blocks in flight and the distinct paths.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use flightdeck_core::attribution::{PathSet, PathSetBuilder};

use super::PathFileError;

/// Bytes per block (the last one may be shorter; a line longer than this makes a
/// longer block).
pub(super) const BLOCK: usize = 1 << 20;

/// A block of whole lines and the number of its first line.
pub(super) struct Block {
    pub first_line: u64,
    pub bytes: Vec<u8>,
}

/// Cuts a reader into blocks of whole records.
pub(super) struct Blocks<R> {
    reader: R,
    carry: Vec<u8>,
    next_line: u64,
    eof: bool,
    size: usize,
}

impl<R: Read> Blocks<R> {
    pub(super) fn new(reader: R, size: usize) -> Self {
        Self { reader, carry: Vec::new(), next_line: 1, eof: false, size }
    }

    /// The next block, or `None` at the end of the input.
    pub(super) fn next_block(&mut self) -> std::io::Result<Option<Block>> {
        let mut buf = std::mem::take(&mut self.carry);
        let mut want = self.size;
        loop {
            self.fill(&mut buf, want)?;
            if buf.is_empty() {
                return Ok(None);
            }
            let cut = if self.eof { Some(buf.len()) } else { last_record_end(&buf) };
            if let Some(cut) = cut {
                self.carry = buf.split_off(cut);
                let first_line = self.next_line;
                self.next_line += buf.iter().filter(|&&b| b == b'\n').count() as u64;
                return Ok(Some(Block { first_line, bytes: buf }));
            }
            want = buf.len() * 2;
        }
    }

    fn fill(&mut self, buf: &mut Vec<u8>, want: usize) -> std::io::Result<()> {
        let mut chunk = vec![0u8; 64 * 1024];
        while buf.len() < want && !self.eof {
            match self.reader.read(&mut chunk) {
                Ok(0) => self.eof = true,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// The position just after the last `\n` that is not inside a quoted field (the block
/// starts outside quotes; a doubled quote inside a field toggles twice).
fn last_record_end(buf: &[u8]) -> Option<usize> {
    let mut quoted = false;
    let mut end = None;
    for (i, &b) in buf.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => end = Some(i + 1),
            _ => {}
        }
    }
    end
}

/// Parses the blocks of `blocks` with `parse` on `workers` threads and merges their
/// path sets into `into`, in file order; the first error in file order wins.
pub(super) fn parse_parallel<R: Read>(
    blocks: &mut Blocks<R>,
    into: &mut PathSetBuilder,
    workers: usize,
    file: &str,
    parse: &(dyn Fn(&Block) -> Result<PathSet, PathFileError> + Sync),
) -> Result<(), PathFileError> {
    let io_error = |e: std::io::Error| PathFileError {
        file: file.to_owned(),
        line: 0,
        column: None,
        field: None,
        message: format!("cannot read: {e}"),
    };
    std::thread::scope(|scope| {
        let (jobs, queue) = mpsc::sync_channel::<(usize, Block)>(workers * 2);
        let queue = Arc::new(Mutex::new(queue));
        let (done, results) = mpsc::channel::<(usize, Result<PathSet, PathFileError>)>();
        for _ in 0..workers {
            let (queue, done) = (Arc::clone(&queue), done.clone());
            scope.spawn(move || loop {
                let job = queue.lock().ok().and_then(|q| q.recv().ok());
                let Some((n, block)) = job else { break };
                if done.send((n, parse(&block))).is_err() {
                    break;
                }
            });
        }
        drop(done);
        let mut merger = Merger { file, next: 0, pending: BTreeMap::new(), error: None };
        let mut sent = 0;
        let read = loop {
            match blocks.next_block() {
                Ok(Some(block)) => {
                    // While the workers are busy, merge what they finished instead of waiting.
                    let mut job = (sent, block);
                    loop {
                        match jobs.try_send(job) {
                            Ok(()) => break,
                            Err(mpsc::TrySendError::Full(back)) => {
                                job = back;
                                match results.recv() {
                                    Ok((n, result)) => merger.add(n, result, into),
                                    Err(_) => break,
                                }
                            }
                            Err(mpsc::TrySendError::Disconnected(_)) => break,
                        }
                    }
                    sent += 1;
                    while let Ok((n, result)) = results.try_recv() {
                        merger.add(n, result, into);
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(io_error(e)),
            }
        };
        drop(jobs);
        for (n, result) in results {
            merger.add(n, result, into);
        }
        read?;
        merger.error.map_or(Ok(()), Err)
    })
}

/// Merges block results in block order as they arrive in any order.
struct Merger<'f> {
    file: &'f str,
    next: usize,
    pending: BTreeMap<usize, Result<PathSet, PathFileError>>,
    error: Option<PathFileError>,
}

impl Merger<'_> {
    fn add(&mut self, n: usize, result: Result<PathSet, PathFileError>, into: &mut PathSetBuilder) {
        self.pending.insert(n, result);
        while let Some(result) = self.pending.remove(&self.next) {
            self.next += 1;
            if self.error.is_some() {
                continue;
            }
            match result {
                Ok(set) => {
                    if let Err(e) = into.merge(set) {
                        self.error = Some(PathFileError {
                            file: self.file.to_owned(),
                            line: 0,
                            column: None,
                            field: None,
                            message: e.to_string(),
                        });
                    }
                }
                Err(e) => self.error = Some(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_end_at_line_ends_outside_quotes() {
        let text = b"h\na,1\n\"x\ny\",2\nb,3\n";
        let mut blocks = Blocks::new(&text[..], 4);
        let mut got = Vec::new();
        while let Some(b) = blocks.next_block().unwrap() {
            got.push((b.first_line, String::from_utf8(b.bytes).unwrap()));
        }
        let joined: String = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(joined.as_bytes(), text);
        assert!(got.iter().all(|(_, t)| t.ends_with('\n')), "{got:?}");
        assert!(
            got.iter().any(|(_, t)| t.contains("\"x\ny\",2\n")),
            "the quoted newline stays inside one block: {got:?}"
        );
        let lines: Vec<u64> = got.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines[0], 1);
        assert!(lines.windows(2).all(|w| w[0] < w[1]));
    }
}
