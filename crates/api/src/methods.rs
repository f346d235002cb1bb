//! Which methods each documented path takes, read from the OpenAPI document, so a request
//! with a method its path does not take answers 405 with `Allow` instead of 404.

use std::collections::BTreeSet;

use utoipa::openapi::OpenApi;

/// One documented path, split into segments (`None` where a parameter stands).
#[derive(Debug)]
struct Route {
    segments: Vec<Option<String>>,
    methods: BTreeSet<&'static str>,
}

/// The documented paths and their methods.
#[derive(Debug, Default)]
pub struct Methods(Vec<Route>);

impl Methods {
    pub fn from_openapi(doc: &OpenApi) -> Self {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| Route {
                segments: path
                    .trim_matches('/')
                    .split('/')
                    .map(|s| (!s.starts_with('{')).then(|| s.to_owned()))
                    .collect(),
                methods: [
                    ("GET", item.get.is_some()),
                    ("PUT", item.put.is_some()),
                    ("POST", item.post.is_some()),
                    ("DELETE", item.delete.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("HEAD", item.head.is_some()),
                    ("OPTIONS", item.options.is_some()),
                ]
                .into_iter()
                .filter_map(|(m, has)| has.then_some(m))
                .collect(),
            })
            .collect();
        Self(routes)
    }

    /// The methods `path` takes, if it is a documented path at all. Where several documented
    /// paths match, the most specific ones speak: `/invitations/accept` is that path, not an
    /// invitation's id.
    pub fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let matching: Vec<&Route> = self
            .0
            .iter()
            .filter(|r| {
                r.segments.len() == segments.len()
                    && r.segments
                        .iter()
                        .zip(&segments)
                        .all(|(want, got)| match want {
                            Some(fixed) => fixed == got,
                            None => !got.is_empty(),
                        })
            })
            .collect();
        let fixed = |r: &Route| r.segments.iter().filter(|s| s.is_some()).count();
        let most = matching.iter().map(|r| fixed(r)).max()?;
        let methods: BTreeSet<&'static str> = matching
            .into_iter()
            .filter(|r| fixed(r) == most)
            .flat_map(|r| r.methods.iter().copied())
            .collect();
        Some(methods.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::Methods;

    #[test]
    fn a_path_says_which_methods_it_takes() {
        let doc = crate::openapi::document();
        let methods = Methods::from_openapi(&doc);
        assert_eq!(methods.allowed("/api/v1/auth/sign-in"), Some(vec!["POST"]));
        assert_eq!(
            methods.allowed("/api/v1/teams/0190b3c2-0000-7000-8000-000000000000"),
            Some(vec!["PATCH"])
        );
        assert_eq!(methods.allowed("/api/v1/teams"), Some(vec!["GET", "POST"]));
        assert_eq!(methods.allowed("/api/v1/no-such-thing"), None);
        assert_eq!(
            methods.allowed("/api/v1/invitations/accept"),
            Some(vec!["POST"]),
            "a fixed path is not an id"
        );
        assert_eq!(
            methods.allowed("/api/v1/invitations/0190b3c2-0000-7000-8000-000000000000"),
            Some(vec!["DELETE"])
        );
    }
}
