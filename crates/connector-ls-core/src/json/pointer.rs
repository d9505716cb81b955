//! JSON Pointer (RFC 6901) building and token escaping.

use std::borrow::Cow;

/// Escapes one reference token: `~` -> `~0`, `/` -> `~1`.
pub fn escape_token(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Unescapes one reference token: `~1` -> `/`, then `~0` -> `~`.
pub fn unescape_token(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// A pointer under construction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PointerBuf(String);

impl PointerBuf {
    pub fn new() -> Self {
        Self(String::new())
    }

    pub fn push(&mut self, token: &str) -> &mut Self {
        self.0.push('/');
        // Escaped straight into the buffer: every finding builds a pointer, and path templates
        // (`/items/{id}`) need escaping, which `escape_token` does with two allocations.
        let mut rest = token;
        while let Some(i) = memchr::memchr2(b'~', b'/', rest.as_bytes()) {
            self.0.push_str(&rest[..i]);
            self.0.push_str(if rest.as_bytes()[i] == b'~' {
                "~0"
            } else {
                "~1"
            });
            rest = &rest[i + 1..];
        }
        self.0.push_str(rest);
        self
    }

    pub fn push_index(&mut self, i: usize) -> &mut Self {
        use std::fmt::Write;
        let _ = write!(self.0, "/{i}");
        self
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_roundtrips() {
        for t in ["a", "a/b", "~", "~1", "/~0/", ""] {
            assert_eq!(unescape_token(&escape_token(t)), t);
        }
        assert_eq!(escape_token("/items/{id}"), "~1items~1{id}");
        assert_eq!(unescape_token("~01"), "~1");
        let mut buf = PointerBuf::new();
        buf.push("/a~b/").push("c");
        assert_eq!(buf.as_str(), format!("/{}/c", escape_token("/a~b/")));
    }
}
