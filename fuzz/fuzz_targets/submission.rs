//! The submission-package reader: any bytes, checked as a package zip, end in findings within
//! the limits — never a panic, a hang or an allocation past them.
#![no_main]

use connector_ls::submission::{check_bytes, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_entry: 1 << 20,
        max_total: 4 << 20,
        ..Limits::default()
    };
    let _ = check_bytes("fuzz.zip", data.to_vec(), &limits);
});
