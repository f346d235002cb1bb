//! A real SMTP server on loopback (mailin-embedded) that records what it receives.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use mailin_embedded::{Handler, Server, response};

/// Messages received, as raw RFC 5322 text.
#[derive(Debug, Clone, Default)]
pub struct Inbox(Arc<Mutex<Vec<String>>>);

impl Inbox {
    pub fn messages(&self) -> Vec<String> {
        self.0.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

#[derive(Clone)]
struct Recorder {
    inbox: Inbox,
    current: Vec<u8>,
    /// How long the server takes to accept each message.
    delay: std::time::Duration,
}

impl Handler for Recorder {
    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> mailin_embedded::Response {
        self.current.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        std::thread::sleep(self.delay);
        let message = String::from_utf8_lossy(&self.current).into_owned();
        if let Ok(mut inbox) = self.inbox.0.lock() {
            inbox.push(message);
        }
        response::OK
    }
}

/// A free loopback port (nothing listens on it once this returns).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free port: {e}"))
}

/// Starts an SMTP server on `port` in a background thread; it runs until the test ends.
pub fn start(port: u16) -> Inbox {
    start_slow(port, std::time::Duration::ZERO)
}

/// Like [`start`], with a server that takes `delay` to accept each message.
pub fn start_slow(port: u16, delay: std::time::Duration) -> Inbox {
    let inbox = Inbox::default();
    let listener =
        TcpListener::bind(("127.0.0.1", port)).unwrap_or_else(|e| panic!("smtp bind: {e}"));
    let mut server = Server::new(Recorder {
        inbox: inbox.clone(),
        current: Vec::new(),
        delay,
    });
    server
        .with_name("smtp.test")
        .with_num_threads(4)
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        if let Err(err) = server.serve() {
            eprintln!("test SMTP server stopped: {err}");
        }
    });
    inbox
}
