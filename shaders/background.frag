#version 330 core
// Neutral studio backdrop: a soft vertical gradient with a gentle vignette, in sRGB.
in vec2 v_uv;
uniform vec3 u_topColor;     // linear
uniform vec3 u_bottomColor;  // linear
out vec4 o_color;

vec3 toSrgb(vec3 linear) { return pow(clamp(linear, 0.0, 1.0), vec3(1.0 / 2.2)); }

void main() {
  float t = smoothstep(0.0, 1.0, v_uv.y);
  vec3 color = mix(u_bottomColor, u_topColor, t);
  vec2 centred = v_uv - vec2(0.5, 0.55);
  color *= 1.0 - 0.22 * dot(centred, centred);
  o_color = vec4(toSrgb(color), 1.0);
}
