//! Reads one WARC with fastwarc 2, warc 0.4 (+ httparse) or newsdistill's reader; prints
//! records, payload bytes and seconds for each (pass the reader name first).
use std::io::Read;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (which, path) = (&args[1], &args[2]);
    let t = Instant::now();
    let (mut n, mut bytes, mut errs) = (0u64, 0u64, 0u64);
    match which.as_str() {
        "fastwarc" => {
            use fastwarc::warc::iter::ArchiveIterator;
            use fastwarc::warc::record::SharedWarcRecord;
            for r in ArchiveIterator::from_path(path).unwrap() {
                if errs > 1000 {
                    println!("fastwarc: stopped after 1000 errors");
                    break;
                }
                match r {
                    Ok(r) => r.with_mut(|r| {
                        if r.record_type().as_str() != "response" {
                            return;
                        }
                        if r.parse_http().is_err() {
                            errs += 1;
                            return;
                        }
                        let mut buf = Vec::new();
                        if let Some(rd) = r.reader_mut() {
                            if rd.read_to_end(&mut buf).is_err() {
                                errs += 1;
                            }
                        }
                        n += 1;
                        bytes += buf.len() as u64;
                    }),
                    Err(e) => {
                        if errs < 2 {
                            eprintln!("fastwarc: {e}");
                        }
                        errs += 1
                    }
                }
            }
        }
        "warc" => {
            let reader = warc::WarcReader::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
            for r in reader.iter_records() {
                match r {
                    Ok(r) => {
                        if r.warc_type() != &warc::RecordType::Response {
                            continue;
                        }
                        let body = r.body();
                        let mut headers = [httparse::EMPTY_HEADER; 128];
                        let mut resp = httparse::Response::new(&mut headers);
                        match resp.parse(body) {
                            Ok(httparse::Status::Complete(k)) => {
                                n += 1;
                                bytes += (body.len() - k) as u64;
                            }
                            _ => errs += 1,
                        }
                    }
                    Err(e) => {
                        if errs == 0 {
                            eprintln!("warc: {e}");
                        }
                        errs += 1
                    }
                }
            }
        }
        _ => {
            for item in newsdistill::Source::new(&[path]) {
                match item {
                    Ok(doc) => {
                        n += 1;
                        bytes += match &doc.body {
                            newsdistill::Body::Bytes(b) => b.len() as u64,
                            newsdistill::Body::Text(s) => s.len() as u64,
                        };
                    }
                    Err(_) => errs += 1,
                }
            }
        }
    }
    println!("{which}: {n} records, {bytes} payload bytes, {errs} errors, {:.3} s", t.elapsed().as_secs_f64());
}
