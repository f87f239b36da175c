"""Write ``src/embedfix/document.schema.json`` from `embedfix.schema.json_schema` (the model's
dataclass fields are its source; ``tests/test_schema.py`` checks that the file is current)."""

from __future__ import annotations

from embedfix import schema


def main() -> None:
    schema.JSON_SCHEMA_FILE.write_text(schema.json_schema_text(), encoding="utf-8")
    print(f"wrote {schema.JSON_SCHEMA_FILE}")


if __name__ == "__main__":
    main()
