//! Which address a request came from. Behind proxies, `X-Forwarded-For` lists the addresses
//! each proxy received the request from, each appending its own: only the entries your own
//! proxies added can be believed, so the client is the one the outermost trusted proxy
//! appended, never the first value (which the client writes itself).

use std::net::{IpAddr, SocketAddr};

use actix_web::HttpRequest;
use actix_web::http::header::HeaderName;

const FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// The client's address for a request that reached us through `hops` trusted proxies (0:
/// the connection's own address).
pub fn of(req: &HttpRequest, hops: usize) -> String {
    let peer = req.peer_addr().map(|a| a.ip());
    let forwarded: Vec<&str> = req
        .headers()
        .get_all(FORWARDED_FOR)
        .filter_map(|v| v.to_str().ok())
        .collect();
    pick(peer, &forwarded, hops)
        .map(|ip| ip.to_string())
        .unwrap_or_default()
}

/// The address `hops` entries from the end of the `X-Forwarded-For` values (in order); the
/// peer's when there are no trusted proxies, or when the list is shorter than the proxies
/// that should have written it, or the entry is not an address.
fn pick(peer: Option<IpAddr>, forwarded: &[&str], hops: usize) -> Option<IpAddr> {
    if hops == 0 {
        return peer;
    }
    let entries: Vec<&str> = forwarded
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    let Some(index) = entries.len().checked_sub(hops) else {
        return peer;
    };
    entries.get(index).and_then(|e| address(e)).or(peer)
}

/// An entry as proxies write it: `203.0.113.7`, `203.0.113.7:5123`, `2001:db8::1` or
/// `[2001:db8::1]:5123`.
fn address(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

#[cfg(test)]
mod tests {
    use super::pick;
    use std::net::IpAddr;

    fn ip(s: &str) -> Option<IpAddr> {
        s.parse().ok()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        assert_eq!(pick(ip("10.0.0.2"), &["198.51.100.1"], 0), ip("10.0.0.2"));
    }

    #[test]
    fn the_address_the_outermost_trusted_proxy_appended_is_the_client() {
        // The client wrote `1.2.3.4` itself; our one proxy appended what it saw.
        let header = ["1.2.3.4, 203.0.113.9"];
        assert_eq!(pick(ip("10.0.0.2"), &header, 1), ip("203.0.113.9"));
        // Two proxies: the outer one appended the client, the inner one the outer proxy.
        let header = ["1.2.3.4, 203.0.113.9, 10.0.0.5"];
        assert_eq!(pick(ip("10.0.0.2"), &header, 2), ip("203.0.113.9"));
        // Repeated headers count as one list, in order.
        assert_eq!(
            pick(ip("10.0.0.2"), &["1.2.3.4", "203.0.113.9"], 1),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn ports_and_brackets_are_read_and_nonsense_falls_back_to_the_peer() {
        assert_eq!(pick(None, &["203.0.113.9:5123"], 1), ip("203.0.113.9"));
        assert_eq!(pick(None, &["[2001:db8::1]:443"], 1), ip("2001:db8::1"));
        assert_eq!(pick(ip("10.0.0.2"), &["unknown"], 1), ip("10.0.0.2"));
        assert_eq!(pick(ip("10.0.0.2"), &["203.0.113.9"], 2), ip("10.0.0.2"));
        assert_eq!(pick(ip("10.0.0.2"), &[], 1), ip("10.0.0.2"));
    }
}
