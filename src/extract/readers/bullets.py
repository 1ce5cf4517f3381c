"""Bullet glyphs as documents print them: Unicode bullets, and the Symbol/Wingdings-font
bullets Word and LibreOffice write into PDFs as Private Use Area characters (U+F0B7 "",
U+F0A7 "", U+F0D8 "", U+F076 "", U+F0FC "", U+F06E "", U+F0A8 "")."""

GLYPHS = "•·▪●◦■□‣►▸➢➤✓✔\uf0b7\uf0a7\uf0d8\uf0e0\uf076\uf0fc\uf06e\uf0a8\uf0a1"
# a glyph that starts a list item (the dashes only with a space after them, see the readers)
CLASS = "[" + GLYPHS + "]"
