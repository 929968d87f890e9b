/**
 * The non-dissemination acknowledgement the requester signs before viewing (REG-21-5), from
 * 第二十一条: "对获悉的涉及公共安全、个人隐私和个人信息的视频图像信息,不得非法对外提供或者公开传播".
 * Its SHA-256 is stored with each acknowledgement, so the text signed is known.
 */
import { createHash } from 'node:crypto';

export const ACK_TEXT = {
  zh:
    '本人确认:依据《公共安全视频图像信息系统管理条例》第二十一条,本人仅为保护自然人的生命健康、财产安全查阅关联的视频图像信息;' +
    '对获悉的涉及公共安全、个人隐私和个人信息的视频图像信息,不得非法对外提供或者公开传播。' +
    '本人不以拍照、录像、录屏、截图或其他任何方式复制所查阅的视频图像,并接受工作人员在场监督。违反上述义务的,依法承担法律责任。',
  en:
    'I confirm that, under article 21 of the Regulation on the Administration of Public Security Video Image Information Systems, ' +
    'I view the related video images only to protect a natural person’s life and health or property; ' +
    'I shall not unlawfully provide to others or publicly disseminate any video image information I learn of that concerns public security, personal privacy or personal information. ' +
    'I shall not copy the images viewed by photographing, filming, screen recording, screenshots or any other means, and I accept the supervision of the staff present. ' +
    'I bear legal responsibility for any breach of these duties.',
} as const;

export const ACK_TEXT_SHA256 = createHash('sha256').update(`${ACK_TEXT.zh}\n${ACK_TEXT.en}`, 'utf8').digest('hex');
