#version 330 core
// Edge smoothing for frames drawn while the camera moves, which have one sample per pixel
// instead of the still frame's MSAA: where the brightness jumps, the pixel is blended with
// taps along the edge (the FXAA idea); flat areas such as the backdrop pass straight through.
uniform sampler2D u_image;  // the single-sampled frame, linear filtering, clamped edges
out vec4 o_color;

float luma(vec3 c) { return dot(c, vec3(0.299, 0.587, 0.114)); }

void main() {
  ivec2 pixel = ivec2(gl_FragCoord.xy);
  ivec2 last = textureSize(u_image, 0) - 1;
  vec4 centre = texelFetch(u_image, pixel, 0);
  float lumaNW = luma(texelFetch(u_image, clamp(pixel + ivec2(-1, 1), ivec2(0), last), 0).rgb);
  float lumaNE = luma(texelFetch(u_image, clamp(pixel + ivec2(1, 1), ivec2(0), last), 0).rgb);
  float lumaSW = luma(texelFetch(u_image, clamp(pixel + ivec2(-1, -1), ivec2(0), last), 0).rgb);
  float lumaSE = luma(texelFetch(u_image, clamp(pixel + ivec2(1, -1), ivec2(0), last), 0).rgb);
  float lumaM = luma(centre.rgb);
  float lowest = min(lumaM, min(min(lumaNW, lumaNE), min(lumaSW, lumaSE)));
  float highest = max(lumaM, max(max(lumaNW, lumaNE), max(lumaSW, lumaSE)));
  // Gradients and shading vary slowly; only a real edge is worth the extra taps.
  if (highest - lowest < max(0.04, highest * 0.12)) {
    o_color = centre;
    return;
  }
  // The edge runs across the brightness gradient; a shallow gradient gives a longer step.
  vec2 along = vec2((lumaSW + lumaSE) - (lumaNW + lumaNE), (lumaNW + lumaSW) - (lumaNE + lumaSE));
  float damping = max((lumaNW + lumaNE + lumaSW + lumaSE) * 0.03125, 1.0 / 128.0);
  along = clamp(along / (min(abs(along.x), abs(along.y)) + damping), -6.0, 6.0);
  vec2 texel = 1.0 / vec2(textureSize(u_image, 0));
  vec2 uv = gl_FragCoord.xy * texel;
  along *= texel;
  vec4 near = 0.5 * (texture(u_image, uv - along / 6.0) + texture(u_image, uv + along / 6.0));
  vec4 wide = 0.5 * near + 0.25 * (texture(u_image, uv - along * 0.5) + texture(u_image, uv + along * 0.5));
  // The wide blend may have crossed into another edge; then the near one is safer.
  float lumaWide = luma(wide.rgb);
  o_color = (lumaWide < lowest || lumaWide > highest) ? near : wide;
}
