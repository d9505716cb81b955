//! [`rule!`]: how a rule is declared.

/// Declares a rule: `pub static Name: Rule`, whose code is `Name` — the rule's name is written
/// once. The severities, file kind and fix availability are their bare variant names:
///
/// ```ignore
/// rule!(InvalidNextLinkNameValue {
///     severity: Error,
///     also: [Warning],
///     file: Swagger,
///     certification: false,
///     documented: true,
///     fix: Safe,
///     summary: "`x-ms-pageable.nextLinkName` is not `nextLink` or `@odata.nextLink`.",
///     docs: r#"## What it does ..."#,
///     check,
/// });
/// ```
///
/// `also` (optional) lists the other severities some findings of the rule have
/// ([`Rule::also`](crate::rules::Rule::also)); `check` alone names the function `check` of the
/// file, `check: other` another one. The static is named after the code (hence
/// `non_upper_case_globals`): the registry lists `&target::OperationIdNotFound`, and a search for
/// a code finds its declaration. Every code is an identifier (the validator's codes are
/// PascalCase words, and so are ours), so there is no way to give a code other than the name.
macro_rules! rule {
    ($name:ident {
        severity: $severity:ident,
        $(also: [$($also:ident),* $(,)?],)?
        file: $file:ident,
        certification: $certification:expr,
        documented: $documented:expr,
        fix: $fix:ident,
        summary: $summary:expr,
        docs: $docs:expr,
        check $(: $check:expr)? $(,)?
    }) => {
        #[allow(non_upper_case_globals)]
        #[doc = $summary]
        pub static $name: $crate::rules::Rule = $crate::rules::Rule {
            code: stringify!($name),
            severity: $crate::rules::Severity::$severity,
            also: &[$($($crate::rules::Severity::$also),*)?],
            file: $crate::package::FileKind::$file,
            certification: $certification,
            documented: $documented,
            fix: $crate::rules::FixAvailability::$fix,
            summary: $summary,
            docs: $docs,
            check: $crate::rules::rule!(@check $($check)?),
        };
    };
    (@check) => {
        check
    };
    (@check $check:expr) => {
        $check
    };
}
pub(crate) use rule;
