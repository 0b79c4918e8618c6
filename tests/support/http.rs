//! A minimal HTTP/1.1 client over std's TcpStream for the server and WebDriver tests (GET and
//! POST with a JSON body, `Connection: close`, chunked or sized bodies): no dependency.
#![allow(dead_code)]

use std::io::{BufRead, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| {
            panic!("not JSON ({e}): {}", &self.body[..self.body.len().min(300)])
        })
    }
}

/// `http://host:port/path…` → (host:port, /path…).
fn split(url: &str) -> (&str, &str) {
    let rest = url.strip_prefix("http://").expect("an http:// URL");
    match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    }
}

pub fn request(method: &str, url: &str, body: Option<&str>) -> Answer {
    let (host, path) = split(url);
    let mut s = TcpStream::connect(host).unwrap_or_else(|e| panic!("connect {host}: {e}"));
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let body = body.unwrap_or("");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).unwrap();
    // Read the head, then exactly the body it announces (a server may keep the connection
    // open whatever the request said).
    let mut r = std::io::BufReader::new(s);
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("{method} {url}: no status line: {line:?}"));
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        line.clear();
        r.read_line(&mut line).unwrap();
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let find = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let mut rest = Vec::new();
    if find("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            line.clear();
            r.read_line(&mut line).unwrap();
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap(), 16).unwrap();
            let mut chunk = vec![0; size + 2];
            r.read_exact(&mut chunk).unwrap();
            if size == 0 {
                break;
            }
            rest.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(n) = find("content-length").and_then(|v| v.parse::<usize>().ok()) {
        rest = vec![0; n];
        r.read_exact(&mut rest).unwrap();
    } else {
        r.read_to_end(&mut rest).unwrap();
    }
    Answer {
        status,
        headers,
        body: String::from_utf8(rest).expect("a UTF-8 body"),
    }
}

pub fn get(url: &str) -> Answer {
    request("GET", url, None)
}

pub fn post(url: &str, body: &str) -> Answer {
    request("POST", url, Some(body))
}

pub fn delete(url: &str) -> Answer {
    request("DELETE", url, None)
}

/// Percent-encoding of a query value (the server's own encoder, which its links use).
pub fn enc(s: &str) -> String {
    gongkai::serve::html::encode(s)
}
