//! Pretty JSON whose bytes carry no terminal controls: the `json` and `sarif` outputs are often
//! read on a terminal (`| less`, a CI log). serde escapes the C0 controls; this formatter also
//! writes DEL, the C1 controls and the bidirectional controls (see [`connector_ls_core::text::escape`]) as
//! `\uXXXX` escapes. The parsed values are unchanged: only their spelling in the output is.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use connector_ls_core::text::escape::first_unsafe;

struct Safe<'a>(PrettyFormatter<'a>);

/// Forwards the layout methods to the pretty formatter.
macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        #[inline]
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl Formatter for Safe<'_> {
    forward! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        let mut rest = s;
        while let Some((i, c)) = first_unsafe(rest) {
            w.write_all(&rest.as_bytes()[..i])?;
            // Every escaped character is in the Basic Multilingual Plane: one `\u` escape.
            write!(w, "\\u{:04x}", c as u32)?;
            rest = &rest[i + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
}

/// Writes `value` as pretty JSON (two-space indent, as `serde_json::to_writer_pretty`).
///
/// The serializer writes a few bytes at a time (a bracket, an indent, a number): through a
/// buffer of its own, each write is a copy the compiler sees, not a call through `dyn Write`
/// (the corpus's 30 MB of findings are written at a fraction of the cost).
pub fn to_writer_pretty<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut buffered = io::BufWriter::with_capacity(64 * 1024, out);
    let mut ser =
        serde_json::Serializer::with_formatter(&mut buffered, Safe(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::other)?;
    buffered.flush()
}

#[cfg(test)]
mod tests {
    #[test]
    fn controls_are_escaped_and_values_kept() {
        let value = serde_json::json!({"k\u{9b}": ["a\u{1b}b\u{7f}c\u{202e}d\u{2066}", 1]});
        let mut out = Vec::new();
        super::to_writer_pretty(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains("a\\u001bb\\u007fc\\u202ed\\u2066"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        assert_eq!(
            text,
            serde_json::to_string_pretty(&value)
                .unwrap()
                .replace('\u{9b}', "\\u009b")
                .replace('\u{7f}', "\\u007f")
                .replace('\u{202e}', "\\u202e")
                .replace('\u{2066}', "\\u2066")
        );
    }
}
