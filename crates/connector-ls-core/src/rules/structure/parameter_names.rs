//! Parameter names the platform cannot use: `connectionId`, and non-ASCII form field names.

use super::parameter_definitions;
use crate::rules::{rule, Context, Report};

rule!(ConnectionIdParameterNotAllowed {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A parameter is named `connectionId`.",
    docs: r##"## What it does
Reports a parameter (inline, or in the root `parameters` section) named `connectionId`, compared
ignoring case.

## Why
The platform uses `connectionId` itself to route every call to the user's connection; a
parameter of that name collides with it.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
{ "name": "connectionId", "in": "query", "type": "string" }
```

## How to fix
Rename the parameter (`name` is what is sent to the API, so rename it to what the API expects,
for example `connection_id`, or use a different location).
"##,
    check: check_connection_id,
});

rule!(InvalidFormDataParameterName {
    severity: Error,
    file: Swagger,
    certification: false,
    documented: true,
    fix: None,
    summary: "A form data parameter's name has characters outside US-ASCII.",
    docs: r##"## What it does
Reports a parameter with `"in": "formData"` whose `name` contains a character outside US-ASCII
(an accented letter, a non-Latin script, an emoji).

## Why
Form field names travel in multipart headers and URL-encoded bodies, where the platform only
supports ASCII names.

Error: the platform rejects it (it is never seen in the certified connectors we calibrate on).

## Example
```json
{ "name": "prénom", "in": "formData", "type": "string" }
```

## How to fix
Use an ASCII name (`prenom`) and put the human-readable label in `x-ms-summary`.
"##,
    check: check_form_data_name,
});

fn check_connection_id(cx: &Context, out: &mut Report) {
    for def in parameter_definitions(cx) {
        let Some(name) = def.get("name") else {
            continue;
        };
        if name
            .as_str()
            .is_some_and(|n| n.eq_ignore_ascii_case("connectionId"))
        {
            out.at(name, "A parameter cannot be named as 'connectionId'.");
        }
    }
}

fn check_form_data_name(cx: &Context, out: &mut Report) {
    for def in parameter_definitions(cx) {
        if def.get_str("in") != Some("formData") {
            continue;
        }
        let Some(name) = def.get("name") else {
            continue;
        };
        let Some(value) = name.as_str() else { continue };
        if !value.is_ascii() {
            out.at(
                name,
                format!("The form data parameter name '{value}' is invalid. All characters must be part of the US-ASCII character set."),
            );
        }
    }
}
