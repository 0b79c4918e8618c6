//! Compact JSON, byte for byte what `serde_json::to_writer` writes, with a faster string escape.
//!
//! serde_json tests every byte of a string against its escape table, one at a time: on the
//! parse profile that was the largest single function (~95 M instructions on the 200-report
//! sample, whose JSON is 10 MB in ~440,000 keys and strings: section texts, cell keys, the raw
//! text of cells). Here a string is tested a word of eight bytes at a time (a word has a byte to
//! escape only if it holds a control character, `"` or `\`, rare in a report's text), the last
//! few bytes as the string's last word, and copied in runs. The structure (`{`, `:`, `,`, …) is
//! written as serde_json's compact formatter writes it, and every number, bool and null is
//! handed to serde_json itself, so their text cannot differ.
//!
//! Used where the contract JSON is written in bulk (`parse --json`, the stored form of a
//! report); anything else keeps serde_json.

use serde::ser::{self, Serialize};
use serde_json::Error;

/// Append `value` as compact JSON to `out`, as `serde_json::to_writer(out, value)` would.
pub fn to_writer<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Json { out })
}

/// `value` as compact JSON, as `serde_json::to_string(value)` would write it.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut out = Vec::with_capacity(256);
    to_writer(&mut out, value)?;
    // Every byte written is serde_json's output or a whole run of a `str`: valid UTF-8.
    Ok(String::from_utf8(out).expect("JSON is UTF-8"))
}

struct Json<'a> {
    out: &'a mut Vec<u8>,
}

impl Json<'_> {
    /// A number, bool or null: written by serde_json, so its text is serde_json's.
    fn scalar<T: Serialize>(&mut self, v: T) -> Result<(), Error> {
        serde_json::to_writer(&mut *self.out, &v)
    }
}

/// serde_json's escape of each byte: 0 for none, `u` for `\u00XX`, else the letter after `\`.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each of eight bytes that is (or, above the first such byte, may be) to be
/// escaped: a control character (below 0x20), `"` or `\`. XOR with 0x02 maps `"` (0x22) to
/// 0x20 and the controls onto themselves, so one "has a byte less than 0x21" test takes both;
/// `\` is a "has a zero byte" test after XOR. Neither has false negatives, and a word without
/// any such byte gives 0.
#[inline(always)]
fn escapes_in(w: u64) -> u64 {
    let low = w ^ (ONES * 0x02);
    let control_or_quote = low.wrapping_sub(ONES * 0x21) & !low;
    let s = w ^ (ONES * b'\\' as u64);
    let backslash = s.wrapping_sub(ONES) & !s;
    (control_or_quote | backslash) & HIGH
}

#[inline(always)]
fn word(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes"))
}

/// How many bytes at the start of `b` need no escape: sixteen, then eight bytes at a time, the
/// last few as the (overlapping) last eight, and byte by byte only in a word that holds one.
fn clean_len(b: &[u8]) -> usize {
    let n = b.len();
    let mut i = 0;
    while i + 16 <= n && (escapes_in(word(b, i)) | escapes_in(word(b, i + 8))) == 0 {
        i += 16;
    }
    while i + 8 <= n && escapes_in(word(b, i)) == 0 {
        i += 8;
    }
    if n >= 8 && i + 8 > n && escapes_in(word(b, n - 8)) == 0 {
        return n;
    }
    while i < n && ESCAPE[b[i] as usize] == 0 {
        i += 1;
    }
    i
}

/// A JSON string: quoted, escaped exactly as serde_json escapes it.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    // `run` is where the bytes not yet copied start; they are copied at each escape and the end.
    let mut run = 0;
    loop {
        let i = run + clean_len(&b[run..]);
        if i == b.len() {
            break;
        }
        out.extend_from_slice(&b[run..i]);
        let c = b[i];
        match ESCAPE[c as usize] {
            b'u' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(c >> 4) as usize],
                    HEX[(c & 0xF) as usize],
                ]);
            }
            e => out.extend_from_slice(&[b'\\', e]),
        }
        run = i + 1;
    }
    out.extend_from_slice(&b[run..]);
    out.push(b'"');
}

impl<'a, 'b> ser::Serializer for &'b mut Json<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'b>;
    type SerializeTuple = Compound<'a, 'b>;
    type SerializeTupleStruct = Compound<'a, 'b>;
    type SerializeTupleVariant = Compound<'a, 'b>;
    type SerializeMap = Compound<'a, 'b>;
    type SerializeStruct = Compound<'a, 'b>;
    type SerializeStructVariant = Compound<'a, 'b>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        write_str(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'b>, Error> {
        self.out.push(b'[');
        Ok(Compound {
            ser: self,
            first: true,
            close: b"]",
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'b>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'b>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>, Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":[");
        Ok(Compound {
            ser: self,
            first: true,
            close: b"]}",
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'b>, Error> {
        self.out.push(b'{');
        Ok(Compound {
            ser: self,
            first: true,
            close: b"}",
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, 'b>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>, Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":{");
        Ok(Compound {
            ser: self,
            first: true,
            close: b"}}",
        })
    }
}

/// An array or object being written: a comma before every element but the first, `close` at the
/// end (`]`, `}`, or two of them for a variant wrapped in an object).
struct Compound<'a, 'b> {
    ser: &'b mut Json<'a>,
    first: bool,
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !self.first {
            self.ser.out.push(b',');
        }
        self.first = false;
    }
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.ser)
    }
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.comma();
        write_str(self.ser.out, key);
        self.ser.out.push(b':');
        value.serialize(&mut *self.ser)
    }
    fn close(self) -> Result<(), Error> {
        self.ser.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(MapKey {
            out: &mut *self.ser.out,
        })?;
        self.ser.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// A map key. The report's maps are keyed by strings; any other key is handed to serde_json
/// (as a one-entry map, whose key it writes as it would here, or refuses as it would here).
struct MapKey<'a> {
    out: &'a mut Vec<u8>,
}

impl MapKey<'_> {
    fn other<T: Serialize + ?Sized>(self, key: &T) -> Result<(), Error> {
        struct One<'k, K: ?Sized>(&'k K);
        impl<K: Serialize + ?Sized> Serialize for One<'_, K> {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ser::SerializeMap;
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry(self.0, &())?;
                m.end()
            }
        }
        // `{KEY:null}`: the key is everything between the brace and the last colon.
        let whole = serde_json::to_vec(&One(key))?;
        self.out
            .extend_from_slice(&whole[1..whole.len() - ":null}".len()]);
        Ok(())
    }
}

macro_rules! key_via_serde_json {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), Error> {
            self.other(&v)
        }
    )*};
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        write_str(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    key_via_serde_json!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_f32: f32,
        serialize_f64: f64, serialize_bytes: &[u8]
    );
    fn serialize_none(self) -> Result<(), Error> {
        self.other(&None::<()>)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.other(&Some(value))
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.other(&())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.other(&())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(ser::Error::custom("key must be a string"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(ser::Error::custom("key must be a string"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    fn same<T: Serialize>(v: &T) {
        assert_eq!(to_string(v).unwrap(), serde_json::to_string(v).unwrap());
    }

    #[test]
    fn strings_escape_as_serde_json() {
        let mut all = String::new();
        for c in (0u8..0x80).map(char::from) {
            all.push(c);
        }
        for s in [
            "",
            "a",
            "政府信息公开",
            "一\n二\t三\"四\\五\r\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "12345678\n12345678",
            "1234567\"",
            "\"1234567",
            "ＡＢＣ“引号”——",
            all.as_str(),
        ] {
            same(&s);
            // Every alignment of the special bytes against the eight-byte words.
            for pad in 0..9 {
                same(&format!("{}{s}{}", "字".repeat(pad), "x".repeat(pad)));
            }
        }
    }

    #[test]
    fn structure_and_scalars_as_serde_json() {
        same(&json!({"a": [1, 2.5, -3, null, true, false, "x", {}, []], "b": {"c": 1e300}}));
        same(&(
            1u8,
            'c',
            Some(2i64),
            None::<i32>,
            f64::NAN,
            0.1f32,
            u128::MAX,
        ));
        let mut m = BTreeMap::new();
        m.insert(3i32, "three");
        m.insert(-1, "minus one");
        same(&m);
        let mut m = BTreeMap::new();
        m.insert('k', vec![1u8, 2]);
        same(&m);
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(i32),
            Tuple(i32, String),
            Struct { a: i32, b: Vec<u8> },
        }
        #[derive(serde::Serialize)]
        struct S {
            e: Vec<E>,
            unit: (),
            n: Option<Box<S>>,
        }
        same(&S {
            e: vec![
                E::Unit,
                E::New(1),
                E::Tuple(2, "t".into()),
                E::Struct { a: 3, b: vec![] },
            ],
            unit: (),
            n: Some(Box::new(S {
                e: vec![],
                unit: (),
                n: None,
            })),
        });
    }
}
