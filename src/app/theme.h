#pragma once
// Fonts and colours: Inter from Debian's fonts-inter (DejaVu Sans as fallback), sized for the
// monitor's content scale, on a calm light theme that suits a clinical training tool.
#include <string>

namespace mesomap::app {

// Returns the font file actually used, or an empty string if only ImGui's built-in font was found.
std::string setUpFontsAndTheme(float contentScale);

}  // namespace mesomap::app
